package io.graphmail.worker.send;

import static io.graphmail.contract.MailTopology.COMMANDS_EXCHANGE;

import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.testsupport.RunningSimulator;
import io.graphmail.testsupport.TestAccounts;
import io.graphmail.worker.WorkerTests;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A worker (the test's context) sending for one application account whose mailbox, on a Graph simulator, is new for
 * each test, with a recorder of the events the worker publishes. Each test class gets a simulator of its own, started
 * before its worker (with the class's {@link SimulatorArguments}) and closed after its tests.
 */
@ExtendWith(SimulatedMailboxTests.SimulatorPerClass.class)
abstract class SimulatedMailboxTests extends WorkerTests {

    /** The running test class's simulator. */
    static RunningSimulator simulator;

    @Value("${graphmail.graph.base-url}")
    String workersGraph;

    final String mailbox;
    final String accountId;
    EventRecorder events;

    /** @param name what the test's account and mailbox are called, before a random part */
    SimulatedMailboxTests(String name) {
        this.mailbox = name + "-" + UUID.randomUUID() + "@graphmail.local";
        this.accountId = name + "-" + UUID.randomUUID();
    }

    @DynamicPropertySource
    static void backendsAndSimulator(DynamicPropertyRegistry registry) {
        TestAccounts.registerWorker(registry, simulator);
    }

    /** The account's document in the gateway's {@code accounts} collection; a test class may give it limits. */
    Document account() {
        return TestAccounts.applicationAccount(accountId, mailbox);
    }

    @BeforeEach
    final void registerAccount() {
        if (!simulator.graphBaseUrl().equals(workersGraph)) {
            throw new IllegalStateException(getClass().getSimpleName()
                    + " got the cached worker of another test class, whose simulator is closed: give it a property"
                    + " of its own in @SpringBootTest");
        }
        simulator.reset();
        mongo.getCollection("accounts").insertOne(account());
        events = EventRecorder.start(rabbit, admin);
    }

    /** A new command from the test's account; see {@link SendMailCommandBuilder} for what it sends by default. */
    SendMailCommandBuilder sendMail() {
        return SendMailCommandBuilder.sendMail(accountId);
    }

    void publish(SendMailCommand command) {
        publish(rabbit, command);
    }

    /** As the gateway publishes: with the command's routing key, and the command id as the message id. */
    static void publish(RabbitTemplate rabbit, SendMailCommand command) {
        rabbit.convertAndSend(COMMANDS_EXCHANGE, command.routingKey(), command, message -> {
            message.getMessageProperties().setMessageId(command.commandId().toString());
            return message;
        });
    }

    /** Starts the class's simulator before Spring starts the worker (which is pointed at it), and closes it after. */
    static final class SimulatorPerClass implements BeforeAllCallback, AfterAllCallback {

        @Override
        public void beforeAll(ExtensionContext context) {
            String[] arguments = AnnotationSupport.findAnnotation(
                            context.getRequiredTestClass(), SimulatorArguments.class)
                    .map(SimulatorArguments::value)
                    .orElse(new String[0]);
            simulator = RunningSimulator.start(arguments);
        }

        @Override
        public void afterAll(ExtensionContext context) {
            simulator.close();
        }
    }
}

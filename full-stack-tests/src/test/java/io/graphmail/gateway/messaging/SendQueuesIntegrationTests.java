package io.graphmail.gateway.messaging;

import static io.graphmail.contract.MailTopology.COMMANDS_EXCHANGE;
import static io.graphmail.contract.MailTopology.SEND_ROUTING_KEY;
import static io.graphmail.contract.MailTopology.TRANSACTIONAL_SEND_ROUTING_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.gateway.OwnAccountTests;
import io.graphmail.testsupport.TestAccounts;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which send queue each kind of message goes to: single sends (new and legacy endpoint) and a batch's priority-high
 * messages to the transactional one, the batch's other messages to the bulk one. Copies of what the gateway publishes
 * are taken from queues of the test's own, bound beside the workers' send queues.
 */
class SendQueuesIntegrationTests extends OwnAccountTests {

    @Autowired
    RabbitAdmin rabbitAdmin;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    JsonMapper jsonMapper;

    /* Not exclusive: the template may read on another connection than the admin declares on. Deleted after each. */
    final Queue transactionalCopies = new Queue("test.copies.transactional." + UUID.randomUUID(), false);
    final Queue bulkCopies = new Queue("test.copies.bulk." + UUID.randomUUID(), false);

    SendQueuesIntegrationTests() {
        super("queues");
    }

    @BeforeEach
    void bindCopies() {
        api.post("/api/v1/accounts", TestAccounts.applicationAccountJson("default", "default@graphmail.local"));
        var commands = new TopicExchange(COMMANDS_EXCHANGE);
        rabbitAdmin.declareQueue(transactionalCopies);
        rabbitAdmin.declareQueue(bulkCopies);
        rabbitAdmin.declareBinding(
                BindingBuilder.bind(transactionalCopies).to(commands).with(TRANSACTIONAL_SEND_ROUTING_KEY));
        rabbitAdmin.declareBinding(BindingBuilder.bind(bulkCopies).to(commands).with(SEND_ROUTING_KEY));
    }

    @AfterEach
    void deleteCopies() {
        rabbitAdmin.deleteQueue(transactionalCopies.getName());
        rabbitAdmin.deleteQueue(bulkCopies.getName());
    }

    @Test
    void singleLegacyAndPriorityHighMessagesGoToTheTransactionalQueueAndOtherBatchMessagesToTheBulkOne() {
        assertThat(api.post("/api/v1/mail", """
                        {"accountId":"%s","to":["ada@example.com"],"subject":"Single","body":{"contentType":"text","content":"x"}}""".formatted(accountId)).status()).isEqualTo(202);
        assertThat(api.post("/api/v1/emails/send", """
                        {"recipients":["bob@example.com"],"subject":"Legacy","body":"<b>Hi</b>","attachments":[]}""").status()).isEqualTo(202);
        assertThat(api.post("/api/v1/mail/batches", """
                        {"accountId":"%s","messages":[
                         {"to":["a@example.com"],"subject":"Reset","body":{"contentType":"text","content":"x"},"priority":"high"},
                         {"to":["b@example.com"],"subject":"News 1","body":{"contentType":"text","content":"y"}},
                         {"to":["c@example.com"],"subject":"News 2","body":{"contentType":"text","content":"z"}}]}""".formatted(accountId)).status())
                .isEqualTo(202);

        assertThat(subjects(transactionalCopies, 3)).isEqualTo(Set.of("Single", "Legacy", "Reset"));
        assertThat(subjects(bulkCopies, 2)).isEqualTo(Set.of("News 1", "News 2"));
        assertEachSentOnce(4);
    }

    /* A set: a command a worker puts back through a delay queue comes back through the exchange, a copy again. */
    private Set<String> subjects(Queue copies, int expected) {
        var subjects = new HashSet<String>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Message copy;
            while ((copy = rabbit.receive(copies.getName())) != null) {
                subjects.add(jsonMapper
                        .readValue(copy.getBody(), SendMailCommand.class)
                        .subject());
            }
            return subjects.size() >= expected;
        });
        return subjects;
    }
}

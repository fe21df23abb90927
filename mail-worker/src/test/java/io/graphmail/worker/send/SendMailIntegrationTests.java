package io.graphmail.worker.send;

import static io.graphmail.contract.MailTopology.COMMANDS_EXCHANGE;
import static io.graphmail.contract.MailTopology.CORRELATION_ID_HEADER;
import static io.graphmail.contract.MailTopology.EVENTS_EXCHANGE;
import static io.graphmail.contract.MailTopology.REASON_HEADER;
import static io.graphmail.contract.MailTopology.SEND_DEAD_LETTER_QUEUE;
import static io.graphmail.contract.MailTopology.SEND_QUEUE;
import static io.graphmail.contract.MailTopology.SEND_ROUTING_KEY;
import static io.graphmail.contract.MailTopology.SENT_ROUTING_KEY;
import static io.graphmail.contract.MailTopology.TRANSACTIONAL_SEND_ROUTING_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphmail.contract.send.MailFailed;
import io.graphmail.contract.send.MailSent;
import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.testsupport.RunningSimulator;
import io.graphmail.worker.MailWorkerApplication;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@SpringBootTest(
        classes = MailWorkerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "spring.config.name=mail-worker",
            "graphmail.worker.retry.initial-backoff=50ms",
            "graphmail.worker.retry.max-attempts=4",
            "graphmail.worker.retry.max-throttled=8",
            "graphmail.worker.retry.max-network-errors=8"
        })
@ExtendWith(OutputCaptureExtension.class)
class SendMailIntegrationTests extends SimulatedMailboxTests {

    /** The trace id of a log line: {@code [traceId-spanId]} in text, {@code "traceId":"…"} in JSON. */
    static final Pattern TRACE_ID = Pattern.compile("(?:\\[|\"traceId\":\")([0-9a-f]{32})[-\"]");

    /** The trace and span ids of a text log line: {@code [traceId-spanId]}. */
    static final Pattern TRACE_AND_SPAN = Pattern.compile("\\[([0-9a-f]{32})-([0-9a-f]{16})]");

    @Autowired
    MeterRegistry meterRegistry;

    SendMailIntegrationTests() {
        super("sender");
    }

    @Test
    void sendsCommandThroughGraphAndReportsSent() {
        SendMailCommand command = command("Quarterly report");
        publish(command);

        MailSent sent = events.awaitOne(MailSent.class, command.commandId());
        assertThat(sent.attempts()).isEqualTo(1);
        var messages = simulator.sent(mailbox);
        assertThat(messages).hasSize(1);
        var message = messages.get(0);
        assertThat(message.get("subject").asString()).isEqualTo("Quarterly report");
        assertThat(message.get("body").get("contentType").asString()).isEqualToIgnoringCase("html");
        assertThat(message.get("body").get("content").asString()).isEqualTo("<p>Hello</p>");
        assertThat(RunningSimulator.recipientAddress(message, "toRecipients", 0))
                .isEqualTo("ada@example.com");
    }

    @Test
    void timesNoMongoCommandButMeasuresTheConnectionPool() {
        SendMailCommand command = command("Measured");
        publish(command);

        events.awaitOne(MailSent.class, command.commandId());
        assertThat(meterRegistry.find("mongodb.driver.commands").meters()).isEmpty();
        assertThat(meterRegistry.find("mongodb.driver.pool.size").gauges()).isNotEmpty();
    }

    @Test
    void looksLessAndLessOftenAtAMessageWhoseBatchIsStillBeingSubmitted() {
        assertThat(copiesOfAMessageWhoseBatchIsSubmittedFor(Duration.ofSeconds(8)))
                .as("the publish, the looks in 8 s (a wait of 5 s, then after 250 ms, then after 1 s each) and the"
                        + " look that finds the batch ACTIVE")
                .isBetween(3L, 6L);
    }

    @Test
    void sendsAMessageWhoseBatchIsAcceptedWhileTheWorkerWaitsWithoutPuttingItBack() {
        assertThat(copiesOfAMessageWhoseBatchIsSubmittedFor(Duration.ofMillis(500)))
                .as("only the publish: the worker waited for the batch on its own thread")
                .isEqualTo(1);
    }

    /**
     * Each time the worker puts the message back to look again later, it comes back through graphmail.commands: a
     * queue of the test's own bound there sees the gateway's publish and every look.
     */
    private long copiesOfAMessageWhoseBatchIsSubmittedFor(Duration submitting) {
        UUID batch = UUID.randomUUID();
        mongo.getCollection("batches").insertOne(new Document("_id", batch.toString()).append("state", "SUBMITTING"));
        var copies = copiesQueue(SEND_ROUTING_KEY);
        var command = sendMail().subject("Held back").batch(batch).build();
        publish(command);

        await().pollDelay(submitting).atMost(submitting.plusSeconds(1)).until(() -> true);
        mongo.getCollection("batches")
                .updateOne(
                        new Document("_id", batch.toString()), new Document("$set", new Document("state", "ACTIVE")));

        events.awaitOne(MailSent.class, command.commandId());
        assertThat(simulator.sent(mailbox)).hasSize(1);
        return copiesOf(copies.getName(), command.commandId());
    }

    @Test
    void aRetriedSingleSendComesBackToTheTransactionalQueueNotToTheBulkOne() {
        var transactional = copiesQueue(TRANSACTIONAL_SEND_ROUTING_KEY);
        var bulk = copiesQueue(SEND_ROUTING_KEY);
        simulator.fault(Map.of("pathPattern", RunningSimulator.SEND_PATHS, "status", 503, "count", 1));
        SendMailCommand command = command("Retried");
        publish(command);

        events.awaitOne(MailSent.class, command.commandId());
        assertThat(copiesOf(transactional.getName(), command.commandId()))
                .as("its publish, and its return from the delay queue")
                .isGreaterThanOrEqualTo(2);
        assertThat(copiesOf(bulk.getName(), command.commandId())).isZero();
    }

    @Test
    void sendsWithoutACopyInSentItemsWhenAskedTo() {
        var command = command("Not kept", false);
        publish(command);

        events.awaitOne(MailSent.class, command.commandId());
        assertThat(simulator.sent(mailbox)).hasSize(1);
        assertThat(simulator.folderContents(mailbox, "sentitems")).isEmpty();
    }

    @Test
    void sendMailWithoutASentCopyKeepsImportanceAndHeaders() {
        var command = sendMail()
                .subject("Urgent, not kept")
                .importance("high")
                .headers(Map.of("x-ticket", "T-42"))
                .saveToSentItems(false)
                .build();
        publish(command);

        events.awaitOne(MailSent.class, command.commandId());
        var message = simulator.sent(mailbox).get(0);
        assertThat(message.get("importance").asString()).isEqualTo("high");
        assertThat(message.get("internetMessageHeaders")
                        .valueStream()
                        .map(header -> header.get("name").asString() + "="
                                + header.get("value").asString()))
                .containsExactly("x-ticket=T-42");
    }

    @Test
    void everyGraphCallAsksForImmutableIdsInOnePreferHeader() {
        var drafted = command("Drafted");
        var direct = command("Direct", false);
        publish(drafted);
        publish(direct);

        events.awaitOne(MailSent.class, drafted.commandId());
        events.awaitOne(MailSent.class, direct.commandId());
        var preferences = simulator.preferHeaders(mailbox);
        assertThat(preferences.requests()).as("draft, send and sendMail").isGreaterThanOrEqualTo(3);
        assertThat(preferences.withoutImmutableId())
                .as("requests without the preference: %s", preferences.examples())
                .isZero();
        assertThat(preferences.severalPreferHeaders())
                .as("requests with several Prefer headers: %s", preferences.examples())
                .isZero();
    }

    @Test
    void deliversTheMostCustomHeadersGraphAllows() {
        var headers = new LinkedHashMap<String, String>();
        for (int i = 1; i <= 5; i++) {
            headers.put("x-custom-" + i, "value " + i);
        }
        var command = sendMail().subject("Five headers").headers(headers).build();
        publish(command);

        events.awaitOne(MailSent.class, command.commandId());
        var message = simulator.sent(mailbox).get(0);
        assertThat(message.get("internetMessageHeaders")
                        .valueStream()
                        .map(header -> header.get("name").asString() + "="
                                + header.get("value").asString()))
                .containsExactlyInAnyOrder(
                        "x-custom-1=value 1",
                        "x-custom-2=value 2",
                        "x-custom-3=value 3",
                        "x-custom-4=value 4",
                        "x-custom-5=value 5");
        assertThat(message.get("singleValueExtendedProperties")
                        .get(0)
                        .get("value")
                        .asString())
                .as("the delivery key travels as the extended property")
                .isEqualTo(command.deliveryKey());
    }

    @Test
    void retriesTransientFailuresThroughTheRetryQueueUntilSent() {
        simulator.fault(Map.of("pathPattern", RunningSimulator.SEND_PATHS, "status", 503, "count", 2));
        SendMailCommand command = command("Second time lucky");
        publish(command);

        MailSent sent = events.awaitOne(MailSent.class, command.commandId());
        assertThat(sent.attempts()).isEqualTo(3);
        assertThat(events.all(MailFailed.class, command.commandId()))
                .extracting(MailFailed::permanent)
                .containsExactly(false, false);
        assertThat(simulator.sent(mailbox)).hasSize(1);
    }

    @Test
    void keepsTheCorrelationIdThroughTheRetryQueueInLogsAndEvents(CapturedOutput output) {
        Queue sentEvents = sentEventsQueue();
        simulator.fault(Map.of("pathPattern", RunningSimulator.SEND_PATHS, "status", 503, "count", 1));
        String correlationId = "test-" + UUID.randomUUID();
        SendMailCommand command = command("Correlated");

        rabbit.convertAndSend(COMMANDS_EXCHANGE, SEND_ROUTING_KEY, command, message -> {
            message.getMessageProperties().setMessageId(command.commandId().toString());
            message.getMessageProperties().setHeader(CORRELATION_ID_HEADER, correlationId);
            return message;
        });

        Message sent = await().atMost(Duration.ofSeconds(20))
                .until(() -> rabbit.receive(sentEvents.getName()), Objects::nonNull);
        assertThat(((MailSent) rabbit.getMessageConverter().fromMessage(sent)).commandId())
                .isEqualTo(command.commandId());
        assertThat((String) sent.getMessageProperties().getHeader(CORRELATION_ID_HEADER))
                .isEqualTo(correlationId);
        loggedLine(output, "Sent command " + command.commandId());
        List<String> lines = output.getAll()
                .lines()
                .filter(line -> line.contains(correlationId))
                .toList();
        assertThat(lines)
                .as("the retry scheduled on the first attempt, the send after the delay queue")
                .anyMatch(line -> line.contains(
                        "Command " + command.commandId() + " for account " + accountId + " will be retried"))
                .anyMatch(line -> line.contains("Sent command " + command.commandId()));
        assertThat(lines.stream()
                        .map(line -> TRACE_ID.matcher(line)
                                .results()
                                .findFirst()
                                .orElseThrow()
                                .group(1))
                        .distinct())
                .as("one trace, from the first attempt through the delay queue to the send")
                .hasSize(1);
    }

    @Test
    void reportsTheResultInTheTraceOfTheListenerThatSentIt(CapturedOutput output) {
        Queue sentEvents = sentEventsQueue();
        SendMailCommand command = command("Traced");
        publish(command);

        Message sent = await().atMost(Duration.ofSeconds(20))
                .until(() -> rabbit.receive(sentEvents.getName()), Objects::nonNull);
        // The worker logs the send just after it publishes the event.
        String logged = loggedLine(output, "Sent command " + command.commandId());
        var ids = TRACE_AND_SPAN.matcher(logged).results().findFirst().orElseThrow();
        assertThat((String) sent.getMessageProperties().getHeader("traceparent"))
                .as("the listener's span, not one of the publication's own")
                .startsWith("00-" + ids.group(1) + "-" + ids.group(2) + "-");
    }

    private static String loggedLine(CapturedOutput output, String text) {
        return await().atMost(Duration.ofSeconds(5))
                .until(
                        () -> output.getAll()
                                .lines()
                                .filter(line -> line.contains(text))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    @Test
    void throttlingDoesNotUseUpAttempts() {
        simulator.fault(
                Map.of("pathPattern", RunningSimulator.SEND_PATHS, "status", 429, "count", 6, "retryAfterSeconds", 0));
        SendMailCommand command = command("Patient");
        publish(command);

        MailSent sent = events.awaitOne(MailSent.class, command.commandId());
        assertThat(sent.attempts())
                .as("six 429s, more than max-attempts, then sent")
                .isEqualTo(1);
        assertThat(events.all(MailFailed.class, command.commandId()))
                .hasSize(6)
                .allSatisfy(failed -> assertThat(failed.reason()).isEqualTo("TooManyRequests"));
        assertThat(simulator.sent(mailbox)).hasSize(1);
        assertThat(accountCount("graphmail.graph.throttled")).isEqualTo(6);
        assertThat(accountCount("graphmail.mail.sent")).isEqualTo(1);
    }

    @Test
    void networkErrorsDoNotUseUpAttempts() {
        // Connections dropped with no answer, more often than max-attempts (4): what stale pooled connections do.
        simulator.fault(
                Map.of("pathPattern", "/v1.0/users/*/messages", "method", "POST", "dropConnection", true, "count", 6));
        SendMailCommand command = command("Through a flaky network");
        publish(command);

        MailSent sent = events.awaitOne(MailSent.class, command.commandId());
        assertThat(sent.attempts()).as("six dropped connections, then sent").isEqualTo(1);
        assertThat(events.all(MailFailed.class, command.commandId())).hasSize(6).allSatisfy(failed -> {
            assertThat(failed.reason()).startsWith("NETWORK_ERROR");
            assertThat(failed.permanent()).isFalse();
        });
        assertThat(simulator.sent(mailbox)).hasSize(1);
    }

    /** A queue of the test's own that receives every MailSent as it was published. */
    private Queue sentEventsQueue() {
        var sentEvents = new Queue("test.sent." + UUID.randomUUID(), false, true, true);
        admin.declareQueue(sentEvents);
        admin.declareBinding(BindingBuilder.bind(sentEvents)
                .to(new TopicExchange(EVENTS_EXCHANGE))
                .with(SENT_ROUTING_KEY));
        return sentEvents;
    }

    private double accountCount(String counter) {
        return meterRegistry.get(counter).tag("account", accountId).counter().count();
    }

    @Test
    void deadLettersCommandThatGraphKeepsThrottling() {
        simulator.fault(
                Map.of("pathPattern", RunningSimulator.SEND_PATHS, "status", 429, "count", 20, "retryAfterSeconds", 0));
        SendMailCommand command = command("Always too many");
        publish(command);

        Message deadLetter = awaitDeadLetter(command.commandId().toString());
        assertThat((String) deadLetter.getMessageProperties().getHeader(REASON_HEADER))
                .isEqualTo("RETRIES_EXHAUSTED: throttled by Graph 8 times");
        assertThat(simulator.sent(mailbox)).isEmpty();
    }

    @Test
    void deadLettersCommandThatNeverGetsThroughTheNetwork() {
        simulator.fault(
                Map.of("pathPattern", "/v1.0/users/*/messages", "method", "POST", "dropConnection", true, "count", 20));
        SendMailCommand command = command("Never through");
        publish(command);

        Message deadLetter = awaitDeadLetter(command.commandId().toString());
        assertThat((String) deadLetter.getMessageProperties().getHeader(REASON_HEADER))
                .startsWith("RETRIES_EXHAUSTED: NETWORK_ERROR")
                .endsWith(" 8 times");
        assertThat(simulator.sent(mailbox)).isEmpty();
    }

    @Test
    void reportsGraphRejectionAsPermanentFailureWithGraphsErrorCode() {
        simulator.refuseNextSend("ErrorInvalidRecipients");
        SendMailCommand command = command("Refused");
        publish(command);

        MailFailed failed = events.awaitOne(MailFailed.class, command.commandId());
        assertThat(failed.permanent()).isTrue();
        assertThat(failed.reason())
                .as("Graph's code and the request-id Microsoft support asks for")
                .matches("ErrorInvalidRecipients \\(request-id [0-9a-f-]{36}\\)");
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(simulator.sent(mailbox)).isEmpty();
    }

    @Test
    void deadLettersCommandWhenTransientFailuresOutlastTheRetries() {
        simulator.fault(Map.of("pathPattern", RunningSimulator.SEND_PATHS, "status", 503, "count", 10));
        SendMailCommand command = command("Never through");
        publish(command);

        Message deadLetter = awaitDeadLetter(command.commandId().toString());
        assertThat(deadLetter.getMessageProperties().<String>getHeader(REASON_HEADER))
                .isEqualTo("RETRIES_EXHAUSTED: ServiceUnavailable after 4 attempts");
        assertThat(simulator.sent(mailbox)).isEmpty();
    }

    @Test
    void deadLettersUnparseableMessageWithReasonAndDoesNotRedeliverIt() {
        String messageId = UUID.randomUUID().toString();
        rabbit.send(
                COMMANDS_EXCHANGE,
                SEND_ROUTING_KEY,
                MessageBuilder.withBody("{\"commandId\": oops".getBytes(StandardCharsets.UTF_8))
                        .setMessageId(messageId)
                        .setContentType("application/json")
                        .build());

        Message deadLetter = awaitDeadLetter(messageId);
        assertThat(deadLetter.getMessageProperties().<String>getHeader(REASON_HEADER))
                .startsWith("UNPARSEABLE:")
                .doesNotContain("oops");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> admin.getQueueInfo(SEND_QUEUE).getMessageCount() == 0);
    }

    @Test
    void doesNotSendARedeliveredCommandAgain() {
        SendMailCommand command = command("Only once");
        publish(command);
        events.awaitOne(MailSent.class, command.commandId());

        publish(command);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> events.all(MailSent.class, command.commandId()).size() == 2);
        assertThat(simulator.sent(mailbox)).hasSize(1);
    }

    @Test
    void sendsAResubmittedCommandOnceMore() {
        SendMailCommand command = command("Twice on purpose");
        publish(command);
        events.awaitOne(MailSent.class, command.commandId());

        publish(command.resubmitted());
        publish(command.resubmitted());

        await().atMost(Duration.ofSeconds(10))
                .until(() -> simulator.sent(mailbox).size() == 2);
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> simulator.sent(mailbox).size() == 2);
    }

    private SendMailCommand command(String subject) {
        return command(subject, null);
    }

    private SendMailCommand command(String subject, Boolean saveToSentItems) {
        return sendMail().subject(subject).saveToSentItems(saveToSentItems).build();
    }

    private Message awaitDeadLetter(String messageId) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> {
                            Message message = rabbit.receive(SEND_DEAD_LETTER_QUEUE, 200);
                            return message != null
                                            && messageId.equals(message.getMessageProperties()
                                                    .getMessageId())
                                    ? message
                                    : null;
                        },
                        Objects::nonNull);
    }

    /** A queue of the test's own that gets a copy of every command through {@code graphmail.commands} with this key. */
    private Queue copiesQueue(String routingKey) {
        var copies = new Queue("test.copies." + UUID.randomUUID(), false, true, true);
        admin.declareQueue(copies);
        admin.declareBinding(BindingBuilder.bind(copies)
                .to(new TopicExchange(COMMANDS_EXCHANGE))
                .with(routingKey));
        return copies;
    }

    private long copiesOf(String queue, UUID commandId) {
        long copies = 0;
        for (Message copy = rabbit.receive(queue); copy != null; copy = rabbit.receive(queue)) {
            if (commandId.toString().equals(copy.getMessageProperties().getMessageId())) {
                copies++;
            }
        }
        return copies;
    }
}

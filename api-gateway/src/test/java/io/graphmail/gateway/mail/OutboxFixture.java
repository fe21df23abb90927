package io.graphmail.gateway.mail;

import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.gateway.messaging.MailCommands;
import io.graphmail.gateway.send.MessageReferences;
import io.graphmail.gateway.send.SendMailCommands;
import io.graphmail.gateway.send.SendMailRequest;
import io.graphmail.platform.logging.CorrelationId;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/** The outbox as its tests build it, over whichever records they keep, and the message they accept. */
public final class OutboxFixture {

    public static final Duration GRACE = Duration.ofSeconds(30);
    public static final Duration LEASE = Duration.ofMinutes(2);
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private OutboxFixture() {}

    public static Outbox outbox(
            OutboxRecords records,
            MailCommands broker,
            BatchSubmissions submissions,
            MeterRegistry meters,
            Clock clock) {
        return new Outbox(records, broker, submissions, JSON, meters, clock, new SweeperProperties(GRACE, LEASE));
    }

    /** A plain single send (or a message of {@code batchId}) made now. */
    public static SendMailCommand command(Clock clock, UUID batchId) {
        var request = SendMailRequest.plain(
                "account-1",
                List.of("ada@example.com"),
                List.of(),
                List.of(),
                "Hello",
                new SendMailRequest.Body("text", "Hi"),
                List.of());
        return SendMailCommands.of(
                UUID.randomUUID(), "account-1", request, MessageReferences.NONE, clock.instant(), batchId);
    }

    /** What a gateway that stopped before the broker's confirm leaves: the record, pending. */
    public static MailRecord unpublished(SendMailCommand command) {
        return MailRecord.unpublished(
                command, null, GRACE, JSON.writeValueAsString(command), CorrelationId.current(), "client-a");
    }
}

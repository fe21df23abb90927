package io.graphmail.gateway.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a late or repeated result may replace, over the MongoDB wire protocol: results arrive at least once and in any
 * order, only SENT may later become BOUNCED, and a paused batch's message keeps saying so.
 */
class FinalStatusesIntegrationTests extends MailRecordsOverTheWire {

    FinalStatusesIntegrationTests() {
        super(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void aBouncedMessageStaysBouncedWhenItsSentResultArrivesAgain() {
        UUID id = record(MailStatus.SENT);
        Instant sentAt = clock.instant();
        assertThat(records.markBounced(id, bounce())).isTrue();

        assertThat(records.markSent(id, 1, sentAt)).as("a redelivered MailSent").isFalse();

        var record = records.find(id).orElseThrow();
        assertThat(record.status()).isEqualTo(MailStatus.BOUNCED);
        assertThat(record.bounce().recipient()).isEqualTo("gone@example.com");
    }

    @Test
    void aSuppressedItemIsNeverMarkedSent() {
        UUID id = record(MailStatus.SUPPRESSED);

        assertThat(records.markSent(id, 1, clock.instant())).isFalse();

        assertThat(records.find(id).orElseThrow().status()).isEqualTo(MailStatus.SUPPRESSED);
    }

    @ParameterizedTest
    @EnumSource(
            value = MailStatus.class,
            names = {"SENT"},
            mode = EnumSource.Mode.EXCLUDE)
    void onlyASentMessageBounces(MailStatus status) {
        UUID id = record(status);

        assertThat(records.markBounced(id, bounce())).isFalse();

        var record = records.find(id).orElseThrow();
        assertThat(record.status()).isEqualTo(status);
        assertThat(record.bounce()).isNull();
    }

    @Test
    void aReportMadeBeforeTheWorkerSawThePauseLeavesBatchPausedStanding() {
        UUID paused = record(MailStatus.SENDING);
        UUID running = record(MailStatus.SENDING);
        mongo.getCollection("mail")
                .updateOne(
                        new Document("_id", paused.toString()),
                        new Document("$set", new Document("lastError", MailRecords.BATCH_PAUSED)));

        records.markRetrying(paused, 2, "PACED: RATE until 2026-12-06T08:00:00Z");
        records.markRetrying(running, 2, "PACED: RATE until 2026-12-06T08:00:00Z");

        assertThat(records.find(paused).orElseThrow())
                .satisfies(record -> assertThat(record.lastError()).isEqualTo("BATCH_PAUSED"))
                .satisfies(record -> assertThat(record.attempts()).isEqualTo(2));
        assertThat(records.find(running).orElseThrow().lastError()).isEqualTo("PACED: RATE until 2026-12-06T08:00:00Z");
    }

    @Test
    void aRetryReportMovesTheMessageToSendingWithItsAttemptsAndReason() {
        UUID id = record(MailStatus.ACCEPTED);
        clock.advance(Duration.ofSeconds(5));

        records.markRetrying(id, 3, "$lastError: taken as written");

        assertThat(records.find(id).orElseThrow())
                .satisfies(record -> assertThat(record.status()).isEqualTo(MailStatus.SENDING))
                .satisfies(record -> assertThat(record.attempts()).isEqualTo(3))
                .satisfies(record -> assertThat(record.lastError()).isEqualTo("$lastError: taken as written"));
        assertThat(raw(id).get(MailRecords.PROGRESS_AT)).isEqualTo(Date.from(clock.instant()));
    }

    @ParameterizedTest
    @EnumSource(
            value = MailStatus.class,
            names = {"SENT", "FAILED", "DEAD_LETTERED", "CANCELLED", "BOUNCED", "SUPPRESSED"})
    void aLateRetryReportLeavesAFinalMessageAlone(MailStatus status) {
        UUID id = record(status);
        Document before = raw(id);

        records.markRetrying(id, 7, "THROTTLED");

        assertThat(raw(id)).isEqualTo(before);
    }

    private Document raw(UUID id) {
        return mongo.getCollection("mail")
                .find(new Document("_id", id.toString()))
                .first();
    }

    private UUID record(MailStatus status) {
        return record(status, null);
    }

    private MailRecord.Bounce bounce() {
        return new MailRecord.Bounce("gone@example.com", "5.1.1", "RecipNotFound", true, clock.instant());
    }
}

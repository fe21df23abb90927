package io.graphmail.gateway.mail;

import static io.graphmail.gateway.mail.OutboxFixture.GRACE;
import static io.graphmail.gateway.mail.OutboxFixture.LEASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.platform.logging.CorrelationId;
import io.graphmail.platform.messaging.PublishFailed;
import io.graphmail.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;

class OutboxTests extends OutboxRaceScenarios {

    final InMemoryOutboxRecords records = new InMemoryOutboxRecords();
    final List<String> submitting = new ArrayList<>();

    OutboxTests() {
        super(new MutableClock(Instant.parse("2026-03-01T10:00:00Z")));
        outbox = OutboxFixture.outbox(records, broker, () -> submitting, meters, clock);
    }

    @Test
    void acceptsAMessageInTwoWritesRecordThenPublishedOnceTheBrokerConfirmed() {
        var command = command(null);

        var record = outbox.accept(command, null, "client-a");

        assertThat(record.status()).isEqualTo(MailStatus.ACCEPTED);
        assertThat(record.publishAt()).isEqualTo(clock.instant().plus(GRACE));
        assertThat(record.client()).isEqualTo("client-a");
        assertThat(broker.published()).containsExactly(command);
        var stored = records.find(command.commandId()).orElseThrow();
        assertThat(stored.pendingPublish()).isFalse();
        assertThat(stored.status()).isEqualTo(MailStatus.ACCEPTED);
        assertThat(records.writes()).isEqualTo(2);
    }

    @Test
    void acceptsAMessageDueNowOrEarlierAsAnImmediateOne() {
        var command = command(null);

        outbox.accept(command, clock.instant(), "client-a");

        assertThat(broker.published()).containsExactly(command);
        assertThat(records.find(command.commandId()).orElseThrow().pendingPublish())
                .isFalse();
    }

    @Test
    void recordsAScheduledMessageForItsTimeWithoutPublishingIt() {
        var command = command(null);
        Instant sendAt = clock.instant().plus(Duration.ofHours(2));

        var record = outbox.accept(command, sendAt, "client-a");

        assertThat(record.status()).isEqualTo(MailStatus.SCHEDULED);
        assertThat(record.publishAt()).isEqualTo(sendAt);
        assertThat(record.pendingPublish()).isTrue();
        assertThat(broker.published()).isEmpty();
        assertThat(records.writes()).isEqualTo(1);
    }

    @Test
    void withdrawsTheRecordAndCountsTheFailureWhenTheBrokerDoesNotConfirm() {
        broker.goDown();
        var command = command(null);

        assertThatThrownBy(() -> outbox.accept(command, null, "client-a")).isInstanceOf(PublishFailed.class);

        assertThat(records.all()).isEmpty();
        assertThat(publishFailures()).isEqualTo(1);
    }

    @Test
    void aRecordTheSweeperClaimedButCouldNotPublishIsNotWithdrawnAndIsSweptOnceTheBrokerIsBack() {
        var command = command(null);
        broker.stallNextPublish(() -> {
            clock.advance(GRACE);
            broker.goDown();
            outbox.sweep();
        });

        outbox.accept(command, null, "client-a");

        assertThat(records.find(command.commandId()).orElseThrow().pendingPublish())
                .isTrue();
        assertThat(broker.published()).isEmpty();
        broker.comeBack();
        outbox.sweep();
        assertThat(broker.published()).containsExactly(command);
    }

    @Test
    void aClaimWhoseSweeperStoppedRunsOutAndTheNextSweepPublishesTheRecord() {
        var left = leftBehind(command(null));
        clock.advance(GRACE);
        // A sweeper claimed it and stopped before publishing it.
        assertThat(records.claim(id(left), clock.instant(), clock.instant().plus(LEASE)))
                .isTrue();

        outbox.sweep();
        assertThat(broker.published()).isEmpty();
        assertThat(records.claim(id(left), clock.instant(), clock.instant().plus(LEASE)))
                .as("another sweeper cannot claim it meanwhile")
                .isFalse();

        clock.advance(LEASE);
        outbox.sweep();
        assertThat(broker.published()).extracting(SendMailCommand::commandId).containsExactly(id(left));
        assertThat(records.find(id(left)).orElseThrow().pendingPublish()).isFalse();
    }

    @Test
    void resumesARecordAStoppedGatewayLeftPending() {
        var left = leftBehind(command(null));

        outbox.resume(left);

        assertThat(broker.published()).extracting(SendMailCommand::commandId).containsExactly(id(left));
        assertThat(records.find(id(left)).orElseThrow().pendingPublish()).isFalse();
    }

    @Test
    void resumingLeavesAPublishedOrScheduledRecordAlone() {
        var command = command(null);
        outbox.accept(command, null, "client-a");
        var scheduled = outbox.accept(command(null), clock.instant().plus(Duration.ofHours(1)), "client-a");

        outbox.resume(records.find(command.commandId()).orElseThrow());
        outbox.resume(scheduled);

        assertThat(broker.published()).containsExactly(command);
    }

    @Test
    void resumingKeepsTheRecordForTheSweeperWhenTheBrokerDoesNotConfirm() {
        var left = leftBehind(command(null));
        broker.goDown();

        outbox.resume(left);

        assertThat(records.find(id(left)).orElseThrow().pendingPublish()).isTrue();
        assertThat(publishFailures()).isEqualTo(1);
    }

    @Test
    void resendsAFailedMessageWithItsCommandResubmitted() {
        var command = command(null);
        outbox.accept(command, null, "client-a");
        records.report(command.commandId(), MailStatus.FAILED);

        boolean resent = outbox.resend(records.find(command.commandId()).orElseThrow());

        assertThat(resent).isTrue();
        assertThat(broker.published()).hasSize(2);
        assertThat(broker.published().get(1)).isEqualTo(command.resubmitted());
        var stored = records.find(command.commandId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(MailStatus.ACCEPTED);
        assertThat(stored.pendingPublish()).isFalse();
    }

    @Test
    void resendsNothingThatDidNotFail() {
        var command = command(null);
        outbox.accept(command, null, "client-a");
        records.report(command.commandId(), MailStatus.SENT);

        assertThat(outbox.resend(records.find(command.commandId()).orElseThrow()))
                .isFalse();
        assertThat(broker.published()).containsExactly(command);
    }

    @Test
    void aResendTheBrokerDoesNotConfirmIsLeftPendingForTheSweeper() {
        var command = command(null);
        outbox.accept(command, null, "client-a");
        records.report(command.commandId(), MailStatus.DEAD_LETTERED);
        broker.goDown();

        assertThat(outbox.resend(records.find(command.commandId()).orElseThrow()))
                .isTrue();

        assertThat(records.find(command.commandId()).orElseThrow().pendingPublish())
                .isTrue();
        assertThat(publishFailures()).isZero();
    }

    @Test
    void aResentMessagesDeadLetteredCopyIsRetiredOnlyOnceTheBrokerConfirmedItsNewCommand() {
        var confirmedAtOnce = deadLettered(command(null));
        var confirmedLater = deadLettered(command(null));
        var sent = command(null);
        outbox.accept(sent, null, "client-a");
        records.report(sent.commandId(), MailStatus.SENT);

        var reopened = outbox.resendAll(List.of(records.find(confirmedAtOnce).orElseThrow()));
        broker.goDown();
        reopened = concat(
                reopened, outbox.resendAll(List.of(records.find(confirmedLater).orElseThrow())));
        reopened = concat(
                reopened,
                outbox.resendAll(List.of(records.find(sent.commandId()).orElseThrow())));

        assertThat(reopened).containsExactly(confirmedAtOnce, confirmedLater);
        assertThat(broker.retiredDeadLetterCopies())
                .as("the unconfirmed one keeps its copy")
                .containsExactly(confirmedAtOnce);
        broker.comeBack();
        clock.advance(GRACE);
        outbox.sweep();
        assertThat(broker.retiredDeadLetterCopies()).containsExactly(confirmedAtOnce, confirmedLater);
        outbox.sweep();
        assertThat(broker.retiredDeadLetterCopies()).hasSize(2);
    }

    @Test
    void sweepingAnOriginalCommandRetiresNoDeadLetteredCopy() {
        leftBehind(command(null));
        clock.advance(GRACE);

        outbox.sweep();

        assertThat(broker.published()).hasSize(1);
        assertThat(broker.retiredDeadLetterCopies()).isEmpty();
    }

    private UUID deadLettered(SendMailCommand command) {
        outbox.accept(command, null, "client-a");
        records.report(command.commandId(), MailStatus.DEAD_LETTERED);
        return command.commandId();
    }

    private static List<UUID> concat(List<UUID> first, List<UUID> second) {
        var all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    @Test
    void recordsABatchWithItsGraceAndOnResumingOnlyWhatIsMissing() {
        UUID batchId = UUID.randomUUID();
        var all = commands(batchId, 5);
        Duration abandonedAfter = Duration.ofMinutes(10);
        outbox.recordBatch(batchId.toString(), all.subList(0, 3), Map.of(), null, "client-a", abandonedAfter, false);

        outbox.recordBatch(batchId.toString(), all, Map.of(), null, "client-a", abandonedAfter, true);

        assertThat(records.all()).hasSize(5);
        assertThat(records.all())
                .allSatisfy(record ->
                        assertThat(record.publishAt()).isEqualTo(clock.instant().plus(abandonedAfter)));
        assertThat(records.writes()).isEqualTo(5);
    }

    @Test
    void recordsASuppressedBatchItemFinalAndNeitherPublishingNorSweepingEverSendsIt() {
        UUID batchId = UUID.randomUUID();
        var all = commands(batchId, 3);
        var suppressed = all.get(1).commandId();
        String reason = "SUPPRESSED: on the suppression list: to[0] gone@example.com";

        var sending = outbox.recordBatch(
                batchId.toString(), all, Map.of(suppressed, reason), null, "client-a", Duration.ZERO, false);
        outbox.publishBatch(batchId.toString(), sending);
        clock.advance(Duration.ofHours(1));
        outbox.sweep();

        assertThat(sending).extracting(Outbox.Entry::command).containsExactly(all.get(0), all.get(2));
        assertThat(broker.published()).containsExactly(all.get(0), all.get(2));
        var record = records.find(suppressed).orElseThrow();
        assertThat(record.status()).isEqualTo(MailStatus.SUPPRESSED);
        assertThat(record.lastError()).isEqualTo(reason);
        assertThat(record.pendingPublish()).isFalse();
        assertThat(record.outbox()).isNull();
        assertThat(record.batchId()).isEqualTo(batchId.toString());
    }

    @Test
    void aScheduledBatchsSuppressedItemIsNotSweptAtItsTime() {
        UUID batchId = UUID.randomUUID();
        var all = commands(batchId, 2);
        Instant sendAt = clock.instant().plus(Duration.ofMinutes(5));
        outbox.recordBatch(
                batchId.toString(),
                all,
                Map.of(all.get(0).commandId(), "SUPPRESSED: on the suppression list: to[0] gone@example.com"),
                sendAt,
                "client-a",
                GRACE,
                false);

        clock.advance(Duration.ofMinutes(5));
        outbox.sweep();

        assertThat(broker.published()).containsExactly(all.get(1));
        assertThat(records.find(all.get(0).commandId()).orElseThrow().status()).isEqualTo(MailStatus.SUPPRESSED);
    }

    @Test
    void aResumedSubmissionKeepsWhatTheFirstRecordedSuppressedUnpublished() {
        UUID batchId = UUID.randomUUID();
        var all = commands(batchId, 3);
        outbox.recordBatch(
                batchId.toString(),
                all.subList(0, 2),
                Map.of(all.get(0).commandId(), "SUPPRESSED: on the suppression list: to[0] gone@example.com"),
                null,
                "client-a",
                GRACE,
                false);

        // The address left the list meanwhile: the record made first stands.
        var sending = outbox.recordBatch(batchId.toString(), all, Map.of(), null, "client-a", GRACE, true);

        assertThat(sending).extracting(Outbox.Entry::command).containsExactly(all.get(1), all.get(2));
        assertThat(records.find(all.get(0).commandId()).orElseThrow().status()).isEqualTo(MailStatus.SUPPRESSED);
    }

    @Test
    void publishesABatchInChunksAndMarksItPublishedInOneWrite() {
        UUID batchId = UUID.randomUUID();
        var all = commands(batchId, 1_001);
        var sending = outbox.recordBatch(batchId.toString(), all, Map.of(), null, "client-a", GRACE, false);

        outbox.publishBatch(batchId.toString(), sending);

        assertThat(broker.chunks()).containsExactly(500, 500, 1);
        assertThat(records.all()).noneMatch(MailRecord::pendingPublish);
        assertThat(records.writes()).isEqualTo(1_001 + 1);
    }

    @Test
    void publishesABatchAsTheJsonItsRecordsKeepIncludingWhatAResumedSubmissionFoundRecorded() {
        UUID batchId = UUID.randomUUID();
        var all = commands(batchId, 4);
        outbox.recordBatch(batchId.toString(), all.subList(0, 2), Map.of(), null, "client-a", GRACE, false);

        var sending = outbox.recordBatch(batchId.toString(), all, Map.of(), null, "client-a", GRACE, true);

        assertThat(sending).extracting(Outbox.Entry::command).containsExactlyElementsOf(all);
        assertThat(sending)
                .allSatisfy(entry -> assertThat(entry.json())
                        .isEqualTo(records.find(entry.command().commandId())
                                .orElseThrow()
                                .outbox()));
        outbox.publishBatch(batchId.toString(), sending);
        assertThat(broker.published()).containsExactlyElementsOf(all);
    }

    @Test
    void failsABatchWhoseConfirmsWereLostAndLeavesItsRecordsPending() {
        UUID batchId = UUID.randomUUID();
        var all = commands(batchId, 501);
        var sending = outbox.recordBatch(batchId.toString(), all, Map.of(), null, "client-a", GRACE, false);
        broker.loseConfirmsAfter(1);

        assertThatThrownBy(() -> outbox.publishBatch(batchId.toString(), sending))
                .isInstanceOf(PublishFailed.class)
                .hasMessageContaining("1 messages of batch " + batchId);

        assertThat(records.all()).allMatch(MailRecord::pendingPublish);
        assertThat(publishFailures()).isEqualTo(501);
    }

    @Test
    void failsABatchTheBrokerRefuses() {
        UUID batchId = UUID.randomUUID();
        var all = commands(batchId, 3);
        var sending = outbox.recordBatch(batchId.toString(), all, Map.of(), null, "client-a", GRACE, false);
        broker.goDown();

        assertThatThrownBy(() -> outbox.publishBatch(batchId.toString(), sending))
                .isInstanceOf(PublishFailed.class);

        assertThat(records.all()).allMatch(MailRecord::pendingPublish);
    }

    @Test
    void submitsABatchChunkByChunkEachRecordedBeforeItIsPublished() {
        UUID batchId = UUID.randomUUID();
        var all = commands(batchId, 1_001);
        var unrecordedWhenPublished = new ArrayList<SendMailCommand>();
        broker.duringEachChunk(() -> broker.published().stream()
                .filter(command -> records.find(command.commandId()).isEmpty())
                .forEach(unrecordedWhenPublished::add));

        int published = outbox.submitBatch(batchId.toString(), all, Map.of(), null, "client-a", GRACE, false, true);

        assertThat(published).isEqualTo(1_001);
        assertThat(unrecordedWhenPublished).isEmpty();
        assertThat(broker.chunks()).containsExactly(500, 500, 1);
        assertThat(broker.published()).containsExactlyElementsOf(all);
        assertThat(records.all()).hasSize(1_001).noneMatch(MailRecord::pendingPublish);
        assertThat(records.writes()).isEqualTo(1_001 + 1);
    }

    @Test
    void submitsASuppressedItemRecordedAndUnpublishedAndWhatAResumedSubmissionFoundRecordedAsItsJson() {
        UUID batchId = UUID.randomUUID();
        var all = commands(batchId, 4);
        var suppressed = all.get(3).commandId();
        outbox.recordBatch(batchId.toString(), all.subList(0, 2), Map.of(), null, "client-a", GRACE, false);

        int published = outbox.submitBatch(
                batchId.toString(),
                all,
                Map.of(suppressed, "SUPPRESSED: on the suppression list: to[0] gone@example.com"),
                null,
                "client-a",
                GRACE,
                true,
                true);

        assertThat(published).isEqualTo(3);
        assertThat(broker.published()).containsExactlyElementsOf(all.subList(0, 3));
        assertThat(records.find(suppressed).orElseThrow().status()).isEqualTo(MailStatus.SUPPRESSED);
        assertThat(records.all()).hasSize(4).noneMatch(MailRecord::pendingPublish);
    }

    @Test
    void stopsASubmissionAtTheChunkTheBrokerDidNotConfirmWithNoInsertStillUnderWay() {
        UUID batchId = UUID.randomUUID();
        var all = commands(batchId, 1_500);
        broker.loseConfirmsAfter(1);

        assertThatThrownBy(() ->
                        outbox.submitBatch(batchId.toString(), all, Map.of(), null, "client-a", GRACE, false, true))
                .isInstanceOf(PublishFailed.class)
                .hasMessageContaining("500 messages of batch " + batchId);

        assertThat(broker.chunks()).containsExactly(500, 500);
        // The third chunk was being recorded while the second was published; it is, in full, before the failure is
        // thrown, so that withdrawing the batch then removes every record of it.
        assertThat(records.all()).hasSize(1_500).allMatch(MailRecord::pendingPublish);
        assertThat(publishFailures()).isEqualTo(1_500);
    }

    @Test
    void stopsASubmissionWhoseNextChunkCouldNotBeRecordedBeforePublishingIt() {
        UUID batchId = UUID.randomUUID();
        var all = commands(batchId, 1_500);
        records.insert(MailRecord.unpublished(all.get(700), null, GRACE, "{}", null, "client-a"));

        assertThatThrownBy(() ->
                        outbox.submitBatch(batchId.toString(), all, Map.of(), null, "client-a", GRACE, false, true))
                .isInstanceOf(DuplicateKeyException.class);

        assertThat(broker.chunks()).containsExactly(500);
        assertThat(broker.published()).containsExactlyElementsOf(all.subList(0, 500));
        assertThat(records.all()).allMatch(MailRecord::pendingPublish);
    }

    @Test
    void sweepsWhatACrashLeftOnlyOnceTheGracePeriodIsOverWithTheCorrelationIdOfItsRequest() {
        var command = command(null);
        MailRecord left;
        try (var scope = CorrelationId.open("request-1")) {
            left = leftBehind(command);
        }

        outbox.sweep();
        assertThat(broker.published()).isEmpty();

        clock.advance(GRACE);
        outbox.sweep();

        assertThat(broker.publications()).containsExactly(new FakeBroker.Published(command, "request-1"));
        assertThat(records.find(id(left)).orElseThrow().pendingPublish()).isFalse();
    }

    @Test
    void sweepsAScheduledMessageWhenDueAndMakesItAccepted() {
        var command = command(null);
        outbox.accept(command, clock.instant().plus(Duration.ofMinutes(5)), "client-a");

        clock.advance(Duration.ofMinutes(5));
        outbox.sweep();

        assertThat(broker.published()).containsExactly(command);
        var stored = records.find(command.commandId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(MailStatus.ACCEPTED);
        assertThat(stored.pendingPublish()).isFalse();
    }

    @Test
    void sweepingLeavesTheRecordsOfABatchBeingSubmittedAlone() {
        UUID batchId = UUID.randomUUID();
        var all = commands(batchId, 2);
        outbox.recordBatch(batchId.toString(), all, Map.of(), null, "client-a", Duration.ZERO, false);
        submitting.add(batchId.toString());

        outbox.sweep();

        assertThat(broker.published()).isEmpty();
        submitting.clear();
        outbox.sweep();
        assertThat(broker.published()).containsExactlyElementsOf(all);
    }

    @Test
    void sweepingStopsAtTheFirstRefusalAndLeavesTheRestForTheNextSweep() {
        var first = leftBehind(command(null));
        clock.advance(Duration.ofSeconds(1));
        var second = leftBehind(command(null));
        clock.advance(GRACE);
        broker.goDown();

        outbox.sweep();

        assertThat(records.find(id(first)).orElseThrow().pendingPublish()).isTrue();
        assertThat(records.find(id(second)).orElseThrow().pendingPublish()).isTrue();
        broker.comeBack();
        outbox.sweep();
        assertThat(broker.published()).extracting(SendMailCommand::commandId).containsExactly(id(first), id(second));
    }

    /** What a gateway that stopped before the broker's confirm leaves: the record, pending. */
    private MailRecord leftBehind(SendMailCommand command) {
        var record = OutboxFixture.unpublished(command);
        records.insert(record);
        return record;
    }

    private static UUID id(MailRecord record) {
        return UUID.fromString(record.id());
    }

    private List<SendMailCommand> commands(UUID batchId, int count) {
        return IntStream.range(0, count).mapToObj(i -> command(batchId)).toList();
    }

    @Override
    List<MailRecord> allRecords() {
        return records.all();
    }
}

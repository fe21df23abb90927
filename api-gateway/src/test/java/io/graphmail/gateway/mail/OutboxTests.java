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
        outbox.submitBatch(batch(batchId, all.subList(0, 3), Map.of(), abandonedAfter, false, 0), false);

        outbox.submitBatch(batch(batchId, all, Map.of(), abandonedAfter, true, 0), false);

        assertThat(records.all()).hasSize(5);
        assertThat(records.all())
                .allSatisfy(record ->
                        assertThat(record.publishAt()).isEqualTo(clock.instant().plus(abandonedAfter)));
        assertThat(records.writes()).isEqualTo(5);
        assertThat(broker.published()).isEmpty();
    }

    @Test
    void recordsASuppressedBatchItemFinalAndNeitherPublishingNorSweepingEverSendsIt() {
        UUID batchId = UUID.randomUUID();
        var all = commands(batchId, 3);
        var suppressed = all.get(1).commandId();
        String reason = "SUPPRESSED: on the suppression list: to[0] gone@example.com";

        int sending =
                outbox.submitBatch(batch(batchId, all, Map.of(suppressed, reason), Duration.ZERO, false, 0), true);
        clock.advance(Duration.ofHours(1));
        outbox.sweep();

        assertThat(sending).isEqualTo(2);
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
        outbox.submitBatch(
                new Outbox.BatchSubmission(
                        batchId.toString(),
                        all,
                        Map.of(all.get(0).commandId(), "SUPPRESSED: on the suppression list: to[0] gone@example.com"),
                        sendAt,
                        "client-a",
                        GRACE,
                        false,
                        0),
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
        outbox.submitBatch(
                batch(
                        batchId,
                        all.subList(0, 2),
                        Map.of(all.get(0).commandId(), "SUPPRESSED: on the suppression list: to[0] gone@example.com"),
                        GRACE,
                        false,
                        0),
                false);

        // The address left the list meanwhile: the record made first stands.
        int sending = outbox.submitBatch(batch(batchId, all, Map.of(), GRACE, true, 0), true);

        assertThat(sending).isEqualTo(2);
        assertThat(broker.published()).containsExactly(all.get(1), all.get(2));
        assertThat(records.find(all.get(0).commandId()).orElseThrow().status()).isEqualTo(MailStatus.SUPPRESSED);
    }

    @Test
    void failsABatchTheBrokerRefuses() {
        UUID batchId = UUID.randomUUID();
        var all = commands(batchId, 3);
        broker.goDown();

        assertThatThrownBy(() -> outbox.submitBatch(batch(batchId, all, Map.of(), GRACE, false, 0), true))
                .isInstanceOf(PublishFailed.class);

        // Recorded; the batch's withdrawal removes them (PublishingBatchTests).
        assertThat(records.all()).hasSize(3);
        assertThat(publishFailures()).isEqualTo(3);
    }

    @Test
    void submitsABatchChunkByChunkEachRecordedBeforeItIsPublishedAndMarksItPublishedInOneWrite() {
        UUID batchId = UUID.randomUUID();
        var all = commands(batchId, 1_001);
        var unrecordedWhenPublished = new ArrayList<SendMailCommand>();
        broker.duringEachChunk(() -> broker.published().stream()
                .filter(command -> records.find(command.commandId()).isEmpty())
                .forEach(unrecordedWhenPublished::add));

        int published = outbox.submitBatch(batch(batchId, all, Map.of(), GRACE, false, 0), true);

        assertThat(published).isEqualTo(1_001);
        assertThat(unrecordedWhenPublished).isEmpty();
        assertThat(broker.chunks()).containsExactly(500, 500, 1);
        assertThat(broker.published()).containsExactlyElementsOf(all);
        assertThat(records.all()).hasSize(1_001).noneMatch(MailRecord::pendingPublish);
        assertThat(records.writes()).as("one write per message").isEqualTo(1_001);
    }

    @Test
    void submitsASuppressedItemRecordedAndUnpublishedAndWhatAResumedSubmissionFoundRecordedAsItsJson() {
        UUID batchId = UUID.randomUUID();
        var all = commands(batchId, 4);
        var suppressed = all.get(3).commandId();
        outbox.submitBatch(batch(batchId, all.subList(0, 2), Map.of(), GRACE, false, 0), false);

        int published = outbox.submitBatch(
                batch(
                        batchId,
                        all,
                        Map.of(suppressed, "SUPPRESSED: on the suppression list: to[0] gone@example.com"),
                        GRACE,
                        true,
                        0),
                true);

        assertThat(published).isEqualTo(3);
        assertThat(broker.published()).containsExactlyElementsOf(all.subList(0, 3));
        assertThat(broker.publishedJson())
                .allSatisfy(json -> assertThat(records.all()).anyMatch(record -> json.equals(record.outbox())));
        assertThat(records.find(suppressed).orElseThrow().status()).isEqualTo(MailStatus.SUPPRESSED);
        assertThat(records.all()).hasSize(4).noneMatch(MailRecord::pendingPublish);
    }

    @Test
    void stopsASubmissionAtTheChunkTheBrokerDidNotConfirm() {
        UUID batchId = UUID.randomUUID();
        var all = commands(batchId, 1_500);
        broker.loseConfirmsAfter(1);

        assertThatThrownBy(() -> outbox.submitBatch(batch(batchId, all, Map.of(), GRACE, false, 0), true))
                .isInstanceOf(PublishFailed.class)
                .hasMessageContaining("500 messages of batch " + batchId);

        assertThat(broker.chunks()).containsExactly(500, 500);
        assertThat(records.all()).hasSize(1_000);
        assertThat(publishFailures()).isEqualTo(1_500);
    }

    @Test
    void stopsASubmissionWhoseNextChunkCouldNotBeRecordedBeforePublishingIt() {
        UUID batchId = UUID.randomUUID();
        var all = commands(batchId, 1_500);
        records.insert(MailRecord.unpublished(all.get(700), null, GRACE, "{}", null, "client-a"));

        assertThatThrownBy(() -> outbox.submitBatch(batch(batchId, all, Map.of(), GRACE, false, 0), true))
                .isInstanceOf(DuplicateKeyException.class);

        assertThat(broker.chunks()).containsExactly(500);
        assertThat(broker.published()).containsExactlyElementsOf(all.subList(0, 500));
        // An ordered insert stops at the duplicate; the batch's withdrawal removes what it inserted.
        assertThat(records.all()).hasSize(701);
    }

    @Test
    void publishesOnlyABatchsWindowAndRecordsTheRestHeldBackWhereNoSweepReachesThem() {
        UUID batchId = UUID.randomUUID();
        var all = commands(batchId, 10);
        var suppressed = all.get(1).commandId();

        int sending = outbox.submitBatch(
                batch(batchId, all, Map.of(suppressed, "SUPPRESSED: on the suppression list"), GRACE, false, 3), true);
        clock.advance(Duration.ofHours(1));
        outbox.sweep();

        assertThat(sending).isEqualTo(9);
        // The suppressed item takes no place in the window.
        assertThat(broker.published()).containsExactly(all.get(0), all.get(2), all.get(3));
        assertThat(records.all())
                .filteredOn(MailRecord::isAwaitingWindow)
                .hasSize(6)
                .allMatch(MailRecord::pendingPublish);
        assertThat(records.batchesAwaitingWindow()).containsExactly(batchId.toString());
    }

    @Test
    void refillsABatchsWindowAsItsMessagesBecomeFinalAndNoFurther() {
        UUID batchId = UUID.randomUUID();
        var all = commands(batchId, 7);
        outbox.submitBatch(batch(batchId, all, Map.of(), GRACE, false, 3), true);

        assertThat(outbox.refillWindow(batchId.toString(), 3)).isZero();
        records.report(all.get(0).commandId(), MailStatus.SENT);
        records.report(all.get(1).commandId(), MailStatus.FAILED);
        int published = outbox.refillWindow(batchId.toString(), 3);

        assertThat(published).isEqualTo(2);
        assertThat(broker.published()).hasSize(5).doesNotHaveDuplicates().containsAll(all.subList(0, 3));
        assertThat(records.inWindow(batchId.toString())).isEqualTo(3);
        assertThat(records.all()).filteredOn(MailRecord::isAwaitingWindow).hasSize(2);
        assertThat(records.all())
                .filteredOn(record -> !record.isAwaitingWindow())
                .noneMatch(MailRecord::pendingPublish);
        assertThat(broker.publishedJson())
                .allSatisfy(json -> assertThat(records.all()).anyMatch(record -> json.equals(record.outbox())));
    }

    @Test
    void refillsAWindowATenthOfItAtATime() {
        UUID batchId = UUID.randomUUID();
        var all = commands(batchId, 60);
        outbox.submitBatch(batch(batchId, all, Map.of(), GRACE, false, 40), true);
        all.subList(0, 3).forEach(command -> records.report(command.commandId(), MailStatus.SENT));

        assertThat(outbox.refillWindow(batchId.toString(), 40)).isZero();
        records.report(all.get(3).commandId(), MailStatus.SENT);
        assertThat(outbox.refillWindow(batchId.toString(), 40)).isEqualTo(4);
        assertThat(broker.published()).hasSize(44);
    }

    @Test
    void refillsAWindowLargerThanTenChunksAChunkAtATime() {
        UUID batchId = UUID.randomUUID();
        var all = commands(batchId, 7_000);
        outbox.submitBatch(batch(batchId, all, Map.of(), GRACE, false, 6_000), true);
        all.subList(0, 600).forEach(command -> records.report(command.commandId(), MailStatus.SENT));

        assertThat(outbox.refillWindow(batchId.toString(), 6_000)).isEqualTo(500);
        assertThat(outbox.refillWindow(batchId.toString(), 6_000)).isZero();
        all.subList(600, 1_000).forEach(command -> records.report(command.commandId(), MailStatus.SENT));
        assertThat(outbox.refillWindow(batchId.toString(), 6_000)).isEqualTo(500);
        assertThat(records.batchesAwaitingWindow()).isEmpty();
    }

    @Test
    void aWindowRefillTheBrokerRefusesLeavesItsMessagesToTheSweeper() {
        UUID batchId = UUID.randomUUID();
        var all = commands(batchId, 4);
        outbox.submitBatch(batch(batchId, all, Map.of(), GRACE, false, 2), true);
        records.report(all.get(0).commandId(), MailStatus.SENT);
        broker.goDown();

        assertThatThrownBy(() -> outbox.refillWindow(batchId.toString(), 2)).isInstanceOf(PublishFailed.class);
        broker.comeBack();
        outbox.sweep();

        assertThat(broker.published()).hasSize(3).doesNotHaveDuplicates();
        assertThat(records.all()).filteredOn(MailRecord::isAwaitingWindow).hasSize(1);
        assertThat(records.all())
                .filteredOn(record -> !record.isAwaitingWindow())
                .noneMatch(MailRecord::pendingPublish);
    }

    @Test
    void aResumedSubmissionPublishesAgainOnlyWhatTheFirstRecordedInsideTheWindow() {
        UUID batchId = UUID.randomUUID();
        var all = commands(batchId, 6);
        outbox.submitBatch(batch(batchId, all.subList(0, 4), Map.of(), GRACE, false, 2), false);

        int sending = outbox.submitBatch(batch(batchId, all, Map.of(), GRACE, true, 2), true);

        assertThat(sending).isEqualTo(6);
        assertThat(broker.published()).containsExactly(all.get(0), all.get(1));
        assertThat(records.all()).filteredOn(MailRecord::isAwaitingWindow).hasSize(4);
        assertThat(records.all())
                .filteredOn(record -> !record.isAwaitingWindow())
                .noneMatch(MailRecord::pendingPublish);
    }

    @Test
    void anUnpacedAccountsHeldBackMessagesGoAChunkAtATime() {
        UUID batchId = UUID.randomUUID();
        var all = commands(batchId, 1_205);
        outbox.submitBatch(batch(batchId, all, Map.of(), GRACE, false, 5), true);

        assertThat(outbox.refillWindow(batchId.toString(), 0)).isEqualTo(500);
        assertThat(outbox.refillWindow(batchId.toString(), 0)).isEqualTo(500);
        assertThat(outbox.refillWindow(batchId.toString(), 0)).isEqualTo(200);

        assertThat(broker.published()).hasSize(1_205).doesNotHaveDuplicates();
        assertThat(records.batchesAwaitingWindow()).isEmpty();
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
        outbox.submitBatch(batch(batchId, all, Map.of(), Duration.ZERO, false, 0), false);
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

    private static Outbox.BatchSubmission batch(
            UUID batchId,
            List<SendMailCommand> all,
            Map<UUID, String> suppressed,
            Duration grace,
            boolean resumed,
            int window) {
        return new Outbox.BatchSubmission(
                batchId.toString(), all, suppressed, null, "client-a", grace, resumed, window);
    }

    private List<SendMailCommand> commands(UUID batchId, int count) {
        return IntStream.range(0, count).mapToObj(i -> command(batchId)).toList();
    }

    @Override
    List<MailRecord> allRecords() {
        return records.all();
    }
}

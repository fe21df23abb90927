package io.graphmail.gateway.batches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.gateway.idempotency.StableIds;
import io.graphmail.gateway.mail.FakeBroker;
import io.graphmail.gateway.mail.FinalStatusMetrics;
import io.graphmail.gateway.mail.InMemoryOutboxRecords;
import io.graphmail.gateway.mail.MailRecord;
import io.graphmail.gateway.mail.MailStatus;
import io.graphmail.gateway.mail.Outbox;
import io.graphmail.gateway.mail.OutboxFixture;
import io.graphmail.gateway.send.MessageReferences;
import io.graphmail.gateway.send.SendMailCommands;
import io.graphmail.gateway.send.SendMailRequest;
import io.graphmail.platform.messaging.PublishFailed;
import io.graphmail.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class PublishingBatchTests {

    static final int MESSAGES = 3;
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);
    static final JsonMapper JSON = JsonMapper.builder().build();

    final InMemoryOutboxRecords records = new InMemoryOutboxRecords();
    final FakeBroker broker = new FakeBroker();
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final AtomicInteger charged = new AtomicInteger();
    final StableIds key = new StableIds("claim-" + UUID.randomUUID());
    final List<String> finished = new ArrayList<>();

    InMemoryBatches batches = new InMemoryBatches(records);

    @Test
    void acceptsANewBatchOnceTheBrokerConfirmedEveryMessage() {
        var batch = publishing().publish(messages(null), new StableIds(null), charged::incrementAndGet);

        assertThat(batch.state()).isEqualTo(Batch.State.ACTIVE);
        assertThat(batch.total()).isEqualTo(MESSAGES);
        assertThat(batch.client()).isEqualTo("client-a");
        assertThat(charged).hasValue(1);
        assertThat(broker.published()).hasSize(MESSAGES);
        assertThat(records.all()).hasSize(MESSAGES).allSatisfy(record -> {
            assertThat(record.batchId()).isEqualTo(batch.id());
            assertThat(record.pendingPublish()).isFalse();
            assertThat(record.publishAt()).isEqualTo(clock.instant().plus(ABANDONED_AFTER));
        });
        assertThat(accepted()).isEqualTo(MESSAGES);
    }

    @Test
    void recordsASuppressedItemFinalPublishesTheOthersAndLeavesTheBatchToTheirResults() {
        String reason = "SUPPRESSED: on the suppression list: to[0] r1@example.com";

        var batch =
                publishing().publish(messages(null, Map.of(1, reason)), new StableIds(null), charged::incrementAndGet);

        assertThat(batch.state()).isEqualTo(Batch.State.ACTIVE);
        assertThat(batch.total()).isEqualTo(MESSAGES);
        assertThat(broker.published()).extracting(command -> command.subject()).containsExactly("Hello 0", "Hello 2");
        assertThat(records.all())
                .filteredOn(record -> record.status() == MailStatus.SUPPRESSED)
                .singleElement()
                .satisfies(record -> {
                    assertThat(record.lastError()).isEqualTo(reason);
                    assertThat(record.pendingPublish()).isFalse();
                });
        assertThat(finished).as("its other messages are still to be sent").isEmpty();
        assertThat(meters.get("graphmail.mail.completed")
                        .tag("status", "SUPPRESSED")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void endsABatchAtOnceWhenEveryItemIsSuppressed() {
        var everyItem = Map.of(0, "SUPPRESSED: a", 1, "SUPPRESSED: b", 2, "SUPPRESSED: c");

        var batch = publishing().publish(messages(null, everyItem), new StableIds(null), charged::incrementAndGet);

        assertThat(broker.published()).isEmpty();
        assertThat(records.all()).hasSize(MESSAGES).allMatch(record -> record.status() == MailStatus.SUPPRESSED);
        assertThat(finished).containsExactly(batch.id());
    }

    @Test
    void recordsAScheduledBatchForItsTimeAndPublishesNothingNow() {
        Instant sendAt = clock.instant().plus(Duration.ofHours(1));

        var batch = publishing().publish(messages(sendAt), key, charged::incrementAndGet);

        assertThat(batch.state()).isEqualTo(Batch.State.SCHEDULED);
        assertThat(broker.published()).isEmpty();
        assertThat(records.all()).hasSize(MESSAGES).allSatisfy(record -> {
            assertThat(record.status()).isEqualTo(MailStatus.SCHEDULED);
            assertThat(record.publishAt()).isEqualTo(sendAt);
        });
    }

    @Test
    void withdrawsTheBatchWhenTheBrokerDoesNotConfirmEveryMessage() {
        broker.loseConfirmsAfter(0);

        assertThatThrownBy(() -> publishing().publish(messages(null), key, charged::incrementAndGet))
                .isInstanceOf(PublishFailed.class);

        assertThat(batches.all()).singleElement().satisfies(batch -> {
            assertThat(batch.state()).isEqualTo(Batch.State.CANCELLED);
            assertThat(batch.withdrawn()).isTrue();
        });
        assertThat(records.all()).isEmpty();
        assertThat(accepted()).isZero();
    }

    @Test
    void withdrawsTheBatchWhenTheBrokerIsDown() {
        broker.goDown();

        assertThatThrownBy(() -> publishing().publish(messages(null), key, charged::incrementAndGet))
                .isInstanceOf(PublishFailed.class);

        assertThat(batches.all()).singleElement().extracting(Batch::state).isEqualTo(Batch.State.CANCELLED);
        assertThat(records.all()).isEmpty();
    }

    @Test
    void failsABatchThatWasWithdrawnWhileItWasSubmitted() {
        batches = new InMemoryBatches(records) {
            @Override
            boolean activate(String id, Batch.State running) {
                withdraw(id, clock.instant());
                return super.activate(id, running);
            }
        };

        assertThatThrownBy(() -> publishing().publish(messages(null), key, charged::incrementAndGet))
                .isInstanceOf(PublishFailed.class)
                .hasMessageContaining("withdrawn");

        assertThat(records.all()).isEmpty();
    }

    @Test
    void answersTheBatchAsItIsWhenItsClientChangedItTheMomentItWasActive() {
        batches = new InMemoryBatches(records) {
            @Override
            boolean activate(String id, Batch.State running) {
                boolean activated = super.activate(id, running);
                change(id, Batch.State.PAUSED);
                return activated;
            }
        };

        var batch = publishing().publish(messages(null), key, charged::incrementAndGet);

        assertThat(batch.state()).isEqualTo(Batch.State.PAUSED);
    }

    @Test
    void answersABatchAnEarlierProcessingAcceptedWithoutChargingOrPublishingAgain() {
        var first = publishing().publish(messages(null), key, charged::incrementAndGet);

        var again = publishing().publish(messages(null), key, charged::incrementAndGet);

        assertThat(again).isEqualTo(first);
        assertThat(charged).hasValue(1);
        assertThat(broker.published()).hasSize(MESSAGES);
    }

    @Test
    void resumesABatchAStoppedGatewayLeftSubmittingWithItsIdsAndRecordsOnlyWhatIsMissing() {
        UUID batchId = key.id("batch");
        Instant createdAt = clock.instant();
        batches.insert(new Batch(
                batchId.toString(), "account-1", Batch.State.SUBMITTING, MESSAGES, createdAt, null, "client-a"));
        var recordedBeforeTheCrash = key.id(batchId + "/0");
        var command = SendMailCommands.of(
                recordedBeforeTheCrash,
                "account-1",
                messages(null).requests().get(0),
                MessageReferences.NONE,
                createdAt,
                batchId);
        records.insert(MailRecord.unpublished(
                command, null, ABANDONED_AFTER, JSON.writeValueAsString(command), null, "client-a"));
        clock.advance(Duration.ofMinutes(3));

        var batch = publishing().publish(messages(null), key, charged::incrementAndGet);

        assertThat(batch.id()).isEqualTo(batchId.toString());
        assertThat(batch.state()).isEqualTo(Batch.State.ACTIVE);
        assertThat(charged).as("the quota was charged by the first processing").hasValue(0);
        assertThat(records.all()).hasSize(MESSAGES).noneMatch(MailRecord::pendingPublish);
        assertThat(broker.published())
                .extracting(SendMailCommand::commandId)
                .containsExactlyElementsOf(IntStream.range(0, MESSAGES)
                        .mapToObj(i -> key.id(batchId + "/" + i))
                        .toList());
        assertThat(broker.published()).extracting(SendMailCommand::submittedAt).containsOnly(createdAt);
    }

    @Test
    void submitsAnewUnderTheNextIdWhenTheEarlierBatchWasWithdrawn() {
        broker.goDown();
        assertThatThrownBy(() -> publishing().publish(messages(null), key, charged::incrementAndGet))
                .isInstanceOf(PublishFailed.class);
        broker.comeBack();

        var batch = publishing().publish(messages(null), key, charged::incrementAndGet);

        assertThat(batch.id()).isEqualTo(key.id("batch#1").toString());
        assertThat(batch.state()).isEqualTo(Batch.State.ACTIVE);
        assertThat(charged).hasValue(2);
        assertThat(batches.all()).extracting(Batch::state).containsExactly(Batch.State.CANCELLED, Batch.State.ACTIVE);
        assertThat(records.all())
                .hasSize(MESSAGES)
                .allMatch(record -> record.batchId().equals(batch.id()));
    }

    @Test
    void publishesEachMessageOnceThoughItsPublishingOutlastsTheSweepersGraceWithTheSweeperRunning() {
        var outbox = outbox();
        // Each chunk's confirms take longer than the sweeper's grace, and the sweeper runs meanwhile.
        broker.duringEachChunk(() -> {
            clock.advance(Duration.ofSeconds(31));
            outbox.sweep();
        });

        var batch = publishing(outbox).publish(messages(null, 1_200), key, charged::incrementAndGet);
        outbox.sweep();

        assertThat(batch.state()).isEqualTo(Batch.State.ACTIVE);
        assertThat(broker.chunks()).containsExactly(500, 500, 200);
        assertThat(broker.published()).hasSize(1_200).doesNotHaveDuplicates();
        assertThat(records.all()).hasSize(1_200).noneMatch(MailRecord::pendingPublish);
    }

    private PublishingBatch publishing() {
        return publishing(outbox());
    }

    private PublishingBatch publishing(Outbox outbox) {
        return new PublishingBatch(
                batches,
                outbox,
                meters,
                clock,
                new BatchProperties(ABANDONED_AFTER, 30, Duration.ofMinutes(1), 20, Duration.ofSeconds(1)),
                new FinalStatusMetrics(meters),
                finished::add);
    }

    private Outbox outbox() {
        return OutboxFixture.outbox(records, broker, batches, meters, clock);
    }

    private PublishingBatch.Messages messages(Instant sendAt) {
        return messages(sendAt, MESSAGES, Map.of());
    }

    private PublishingBatch.Messages messages(Instant sendAt, Map<Integer, String> suppressed) {
        return messages(sendAt, MESSAGES, suppressed);
    }

    private PublishingBatch.Messages messages(Instant sendAt, int count) {
        return messages(sendAt, count, Map.of());
    }

    private PublishingBatch.Messages messages(Instant sendAt, int count, Map<Integer, String> suppressed) {
        var requests = IntStream.range(0, count)
                .mapToObj(i -> SendMailRequest.plain(
                        "account-1",
                        List.of("r" + i + "@example.com"),
                        List.of(),
                        List.of(),
                        "Hello " + i,
                        new SendMailRequest.Body("text", "Hi"),
                        List.of()))
                .toList();
        return new PublishingBatch.Messages(
                "account-1",
                requests,
                Collections.nCopies(count, MessageReferences.NONE),
                suppressed,
                sendAt,
                "client-a",
                0);
    }

    private double accepted() {
        var counter =
                meters.find("graphmail.mail.accepted").tag("endpoint", "batch").counter();
        return counter == null ? 0 : counter.count();
    }
}

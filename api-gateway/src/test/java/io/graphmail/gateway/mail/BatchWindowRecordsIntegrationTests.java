package io.graphmail.gateway.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.graphmail.contract.send.SendMailCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Update;

/**
 * A batch's messages held back by its window, over the MongoDB wire protocol: out of the sweeper's and the batch's
 * publishing, and taken into the window by a refill claimed as the sweeper claims them.
 */
class BatchWindowRecordsIntegrationTests extends MailRecordsOverTheWire {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(30);

    private final String batchId = UUID.randomUUID().toString();

    BatchWindowRecordsIntegrationTests() {
        super(NOW);
    }

    @Test
    void messagesBeyondTheWindowAreNeitherSweptNorMarkedPublishedWithTheirBatch() {
        var ids = recordBatch(5, 2, null);

        records.markBatchPublished(batchId);
        clock.advance(Duration.ofHours(1));

        assertThat(records.duePublishes(clock.instant(), 100, List.of())).isEmpty();
        assertThat(pending()).containsExactlyInAnyOrderElementsOf(ids.subList(2, 5));
        assertThat(records.batchesAwaitingWindow()).containsExactly(batchId);
        assertThat(records.inWindow(batchId)).isEqualTo(2);
        assertThat(records.recordedOfBatch(batchId))
                .hasSize(5)
                .allSatisfy((id, recorded) -> assertThat(recorded.awaitsWindow())
                        .isEqualTo(!ids.subList(0, 2).contains(id)));
    }

    @Test
    void aRefillTakesTheNextMessagesIntoTheWindowClaimedUntilItsLease() {
        var ids = recordBatch(5, 2, null);
        records.markBatchPublished(batchId);
        Instant until = NOW.plusSeconds(60);

        var taken = records.claimBeyondWindow(batchId, 2, NOW, until);

        assertThat(taken).hasSize(2).allSatisfy(record -> {
            assertThat(record.isAwaitingWindow()).isFalse();
            assertThat(record.pendingPublish()).isTrue();
            assertThat(record.publishAt()).isEqualTo(NOW);
            assertThat(record.outbox()).isNotNull();
        });
        assertThat(raw(taken.get(0).id()).getDate(MailRecords.CLAIMED_UNTIL).toInstant())
                .isEqualTo(until);
        assertThat(records.inWindow(batchId)).isEqualTo(4);
        assertThat(records.duePublishes(NOW.plusSeconds(30), 100, List.of()))
                .as("claimed: not the sweeper's until the lease ends")
                .isEmpty();
        assertThat(records.duePublishes(until, 100, List.of()))
                .extracting(MailRecord::id)
                .containsExactlyInAnyOrderElementsOf(
                        taken.stream().map(MailRecord::id).toList());

        records.markPublished(
                taken.stream().map(record -> UUID.fromString(record.id())).toList());
        assertThat(pending()).hasSize(1).isSubsetOf(ids);
        assertThat(records.claimBeyondWindow(batchId, 5, NOW, until)).hasSize(1);
        assertThat(records.claimBeyondWindow(batchId, 5, NOW, until)).isEmpty();
        assertThat(records.batchesAwaitingWindow()).isEmpty();
    }

    @Test
    void aPausedBatchsHeldBackMessagesAreNotTakenIntoItsWindow() {
        recordBatch(4, 1, null);
        mongo.updateMulti(
                query(where("batchId").is(batchId).and("pendingPublish").is(true)),
                new Update().set("held", true),
                MailRecord.class);

        assertThat(records.claimBeyondWindow(batchId, 5, NOW, NOW.plusSeconds(60)))
                .isEmpty();
        assertThat(records.batchesAwaitingWindow()).containsExactly(batchId);
    }

    @Test
    void publishingTheBatchLeavesAClaimedRecordPendingForWhoeverClaimedIt() {
        var ids = recordBatch(3, 3, null);
        assertThat(records.claim(UUID.fromString(ids.get(1)), NOW, NOW.plusSeconds(60)))
                .isTrue();

        records.markBatchPublished(batchId);

        assertThat(pending()).containsExactly(ids.get(1));
    }

    @Test
    void aScheduledBatchsMessagesTakenIntoTheWindowBecomeAcceptedOncePublished() {
        recordBatch(3, 1, NOW.plusSeconds(600));
        clock.advance(Duration.ofSeconds(600));

        var taken = records.claimBeyondWindow(
                batchId, 5, clock.instant(), clock.instant().plusSeconds(60));
        records.markPublished(
                taken.stream().map(record -> UUID.fromString(record.id())).toList());

        assertThat(taken).hasSize(2);
        taken.forEach(record -> {
            var stored = mongo.findById(record.id(), MailRecord.class);
            assertThat(stored.status()).isEqualTo(MailStatus.ACCEPTED);
            assertThat(stored.pendingPublish()).isFalse();
        });
    }

    @Test
    void aRefillFailureLeavesItsClaimedMessagesToTheNextSweep() {
        recordBatch(3, 1, null);
        var taken = records.claimBeyondWindow(batchId, 5, NOW, NOW.plusSeconds(60));

        records.expireClaims(
                taken.stream().map(record -> UUID.fromString(record.id())).toList(), NOW);

        assertThat(records.duePublishes(NOW, 100, List.of()))
                .extracting(MailRecord::id)
                .containsAll(taken.stream().map(MailRecord::id).toList());
    }

    private List<String> recordBatch(int messages, int window, Instant sendAt) {
        var recorded = new ArrayList<MailRecord>();
        IntStream.range(0, messages).forEach(i -> {
            SendMailCommand command = OutboxFixture.command(clock, UUID.fromString(batchId));
            var record = MailRecord.unpublished(command, sendAt, GRACE, "{\"n\":" + i + "}", null, "client-a");
            recorded.add(i < window ? record : record.beyondWindow());
        });
        records.insertAll(recorded);
        return recorded.stream().map(MailRecord::id).toList();
    }

    private List<String> pending() {
        return mongo.find(query(where("pendingPublish").is(true)), MailRecord.class).stream()
                .map(MailRecord::id)
                .toList();
    }

    private Document raw(String id) {
        return mongo.getCollection("mail").find(new Document("_id", id)).first();
    }
}

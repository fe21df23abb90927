package io.graphmail.gateway.batches;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.gateway.mail.FakeBroker;
import io.graphmail.gateway.mail.InMemoryOutboxRecords;
import io.graphmail.gateway.mail.MailStatus;
import io.graphmail.gateway.mail.Outbox;
import io.graphmail.gateway.mail.OutboxFixture;
import io.graphmail.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Refills of an ACTIVE batch's window, counted as operators see them, and one batch's failure kept from the others. */
class RefillingBatchWindowsTests {

    static final int WINDOW = 2;

    final InMemoryOutboxRecords records = new InMemoryOutboxRecords();
    final FakeBroker broker = new FakeBroker();
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final InMemoryBatches batches = new InMemoryBatches(records);
    final Outbox outbox = OutboxFixture.outbox(records, broker, batches, meters, clock);
    final RefillingBatchWindows refilling = new RefillingBatchWindows(outbox, batches, new FixedWindows(), meters);

    @Test
    void countsRefillsThatPublishAndThoseTheBrokerRefusesAndRefillsEachBatchApart() {
        var first = activeBatch(4);
        var second = activeBatch(4);
        records.report(first.get(0).commandId(), MailStatus.SENT);
        records.report(second.get(0).commandId(), MailStatus.SENT);

        refilling.refill();

        assertThat(refills("published")).isEqualTo(2);
        assertThat(broker.published()).hasSize(6).doesNotHaveDuplicates();
        assertThat(broker.published())
                .as("one more of each batch")
                .filteredOn(command -> first.contains(command))
                .hasSize(3);

        records.report(first.get(1).commandId(), MailStatus.SENT);
        records.report(second.get(1).commandId(), MailStatus.SENT);
        broker.goDown();
        refilling.refill();

        assertThat(refills("failed"))
                .as("each batch's refill failed on its own")
                .isEqualTo(2);
        assertThat(refills("published")).isEqualTo(2);
        assertThat(broker.published()).hasSize(6);

        broker.comeBack();
        outbox.sweep();
        assertThat(broker.published())
                .as("what the failed refills had claimed went with the sweeper")
                .hasSize(8)
                .doesNotHaveDuplicates();
    }

    @Test
    void aRefillWithNothingToPublishCountsNothing() {
        activeBatch(4);

        refilling.refill();

        assertThat(refills("published")).isZero();
        assertThat(refills("failed")).isZero();
    }

    private List<SendMailCommand> activeBatch(int size) {
        UUID batchId = UUID.randomUUID();
        var all = IntStream.range(0, size)
                .mapToObj(i -> OutboxFixture.command(clock, batchId))
                .toList();
        batches.insert(new Batch(
                batchId.toString(), "account-1", Batch.State.ACTIVE, size, clock.instant(), null, "client-a"));
        outbox.submitBatch(
                new Outbox.BatchSubmission(
                        batchId.toString(), all, Map.of(), null, "client-a", OutboxFixture.GRACE, false, WINDOW),
                true);
        return all;
    }

    private double refills(String result) {
        return meters.get("graphmail.batches.window.refills")
                .tag("result", result)
                .counter()
                .count();
    }

    /** Every account's window is {@link #WINDOW} messages. */
    private static final class FixedWindows extends AccountRates {

        FixedWindows() {
            super(null, null);
        }

        @Override
        int window(String accountId) {
            return WINDOW;
        }
    }
}

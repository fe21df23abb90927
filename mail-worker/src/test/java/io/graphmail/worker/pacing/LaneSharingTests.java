package io.graphmail.worker.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pacing rules over many messages that come back when told to, plus a lag (the way through the delay queues, slow
 * on a busy machine): who gets the account's slots, with no storage and no broker ({@link SimulatedSending}).
 */
class LaneSharingTests {

    static final Limits SIXTY_PER_MINUTE = new Limits(60, 0, 0);

    final Lane first = Lane.batch(UUID.randomUUID());
    final Lane second = Lane.batch(UUID.randomUUID());
    final Lane single = Lane.transactional();

    @ParameterizedTest
    @ValueSource(longs = {250, 700, 1500})
    void aSecondBatchSubmittedAfterTheFirstSharesTheRateFromItsStart(long lag) {
        var sending = new SimulatedSending(SIXTY_PER_MINUTE, lag);
        sending.submit(first, 200, 0);
        sending.submit(second, 200, 100);

        sending.runUntil(60_000);

        var sent = sending.sent;
        var lastForty = sent.subList(sent.size() - 40, sent.size());
        assertThat(lastForty.stream().filter(s -> s.lane().equals(first))).hasSizeBetween(18, 22);
        assertThat(sent.size()).as("every slot used: 60 a minute").isBetween(58, 61);
    }

    @ParameterizedTest
    @ValueSource(longs = {250, 700, 1500})
    void aSingleSendGoesOutWithinTwoSlotsWhileABatchRuns(long lag) {
        var sending = new SimulatedSending(SIXTY_PER_MINUTE, lag);
        sending.submit(first, 300, 0);
        sending.runUntil(20_000);
        int before = sending.sent.size();
        sending.submit(single, 1, 20_000);

        sending.runUntil(25_000);

        int position = sending.sent.stream().map(s -> s.lane()).toList().indexOf(single);
        assertThat(position - before).isBetween(0, 2);
    }
}

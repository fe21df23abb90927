package io.graphmail.worker.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pacing rules over many messages that come back when told to, plus a lag (the way through the delay queues, slow
 * on a busy machine): who gets the account's slots, with no storage and no broker.
 */
class LaneSharingTests {

    static final Limits SIXTY_PER_MINUTE = new Limits(60, 0, 0);

    final PacingRules rules = new PacingRules(Duration.ofMinutes(2), LaneProperties.defaults());
    final Lane first = Lane.batch(UUID.randomUUID());
    final Lane second = Lane.batch(UUID.randomUUID());
    final Lane single = Lane.transactional();

    PacingState state = PacingState.fresh("sales");
    final PriorityQueue<Asking> queue = new PriorityQueue<>((a, b) -> Long.compare(a.at, b.at));
    final List<Sent> sent = new ArrayList<>();
    final Map<Lane, Integer> submitted = new HashMap<>();
    /** How late a message comes back after the delay it was told: a quarter of a slot, most of one, one and a half. */
    long lagMs;

    @ParameterizedTest
    @ValueSource(longs = {250, 700, 1500})
    void aSecondBatchSubmittedAfterTheFirstSharesTheRateFromItsStart(long lag) {
        lagMs = lag;
        submit(first, 200, 0);
        submit(second, 200, 100);

        runUntil(60_000);

        var lastForty = sent.subList(sent.size() - 40, sent.size());
        assertThat(lastForty.stream().filter(s -> s.lane.equals(first))).hasSizeBetween(18, 22);
        assertThat(sent.size()).as("every slot used: 60 a minute").isBetween(58, 61);
    }

    @ParameterizedTest
    @ValueSource(longs = {250, 700, 1500})
    void aSingleSendGoesOutWithinTwoSlotsWhileABatchRuns(long lag) {
        lagMs = lag;
        submit(first, 300, 0);
        runUntil(20_000);
        int before = sent.size();
        submit(single, 1, 20_000);

        runUntil(25_000);

        int position = sent.stream().map(s -> s.lane).toList().indexOf(single);
        assertThat(position - before).isBetween(0, 2);
    }

    private void submit(Lane lane, int messages, long at) {
        for (int i = 0; i < messages; i++) {
            queue.add(new Asking(lane, null, at + i));
        }
        submitted.merge(lane, messages, Integer::sum);
    }

    private void runUntil(long end) {
        while (!queue.isEmpty() && queue.peek().at <= end) {
            Asking asking = queue.poll();
            var step = rules.decide(state, 1, SIXTY_PER_MINUTE, asking.lane, asking.ticket, asking.at, "l" + asking.at);
            if (step.next() != null) {
                state = step.next();
            }
            if (step.permit() instanceof Permit.Granted) {
                sent.add(new Sent(asking.lane, asking.at));
            } else if (step.permit() instanceof Permit.Queued queued) {
                queue.add(new Asking(
                        asking.lane, queued.ticket(), asking.at + queued.delay().toMillis() + lagMs));
            } else {
                throw new AssertionError("unexpected " + step.permit());
            }
        }
    }

    record Asking(Lane lane, Long ticket, long at) {}

    record Sent(Lane lane, long at) {}
}

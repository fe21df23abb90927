package io.graphmail.worker.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The pacing decisions on given states, with no storage. */
class PacingRulesTests {

    static final long HOUR_MS = Duration.ofHours(1).toMillis();
    static final Limits TWO_PER_MINUTE = new Limits(2, 0, 0);
    static final Limits SIXTY_PER_MINUTE = new Limits(60, 0, 0);

    final PacingRules rules = new PacingRules(Duration.ofMinutes(2), Duration.ofMillis(500), LaneProperties.defaults());
    final Lane single = Lane.transactional();
    final Lane batch = Lane.batch(UUID.randomUUID());

    @Test
    void grantsAFirstMessageAndGivesTheNextSlotToTheOneAfter() {
        var step = rules.decide(PacingState.fresh("sales"), 1, TWO_PER_MINUTE, single, null, 1_000, "lease-1");

        assertThat(step.permit()).isEqualTo(new Permit.Granted("sales", "lease-1", true));
        assertThat(step.next().nextSendAt()).isEqualTo(1_000 + 30_250);
        assertThat(step.next().leases())
                .containsEntry("lease-1", 1_000 + Duration.ofMinutes(2).toMillis());
        assertThat(step.next().recentSends())
                .as("in the log until its release says when its call ended, as ending with its lease")
                .containsEntry("lease-1", 1_000 + Duration.ofMinutes(2).toMillis());
    }

    @Test
    void theLogOfTheLastMinuteCountsAMinuteAndTheClockSkewTheWorkersAreConfiguredFor() {
        var tight = new PacingRules(Duration.ofMinutes(2), Duration.ofMillis(100), LaneProperties.defaults());

        var first = tight.decide(PacingState.fresh("sales"), 1, TWO_PER_MINUTE, single, null, 1_000, "lease-1");

        assertThat(first.next().nextSendAt()).isEqualTo(1_000 + 60_100 / 2);
        var full = state(0, 0, Map.of(), Map.of(), Map.of("a", 1_000L, "b", 2_000L));
        assertThat(tight.decide(full, 1, TWO_PER_MINUTE, single, null, 61_099, "lease-2")
                        .permit())
                .isNotInstanceOf(Permit.Granted.class);
        assertThat(tight.decide(full, 1, TWO_PER_MINUTE, single, null, 61_100, "lease-2")
                        .permit())
                .isInstanceOf(Permit.Granted.class);
        assertThat(rules.decide(full, 1, TWO_PER_MINUTE, single, null, 61_100, "lease-2")
                        .permit())
                .as("with half a second of skew allowed, not yet")
                .isNotInstanceOf(Permit.Granted.class);
    }

    @Test
    void aSendWhoseReleaseNeverCameKeepsItsPlaceInTheLogUntilItsLeaseAndAMinuteHavePassed() {
        var first = rules.decide(PacingState.fresh("sales"), 1, TWO_PER_MINUTE, single, null, 1_000, "lease-1");
        var second = rules.decide(first.next(), 1, TWO_PER_MINUTE, single, null, 31_250, "lease-2");
        assertThat(second.permit()).isInstanceOf(Permit.Granted.class);
        // Neither is released: their workers stopped mid-call. A minute and the skew after their grants, the log
        // still holds them.
        var unreleased = second.next().withLanes(Map.of());

        assertThat(rules.decide(unreleased, 1, TWO_PER_MINUTE, single, null, 61_600, "lease-3")
                        .permit())
                .isNotInstanceOf(Permit.Granted.class);
        long leaseEnd = 1_000 + Duration.ofMinutes(2).toMillis();
        assertThat(rules.decide(unreleased, 1, TWO_PER_MINUTE, single, null, leaseEnd + 60_499, "lease-3")
                        .permit())
                .isNotInstanceOf(Permit.Granted.class);
        assertThat(rules.decide(unreleased, 1, TWO_PER_MINUTE, single, null, leaseEnd + 60_500, "lease-3")
                        .permit())
                .isInstanceOf(Permit.Granted.class);
    }

    @Test
    void givesAMessageNotYetDueATicketButNoSlot() {
        var state = state(30_250, 0, Map.of(), Map.of(), Map.of());

        var step = rules.decide(state, 1, TWO_PER_MINUTE, single, null, 1_000, "lease-2");

        assertThat(step.permit()).isEqualTo(new Permit.Queued(1_000_000, 30_250, Duration.ofMillis(29_250), "RATE"));
        assertThat(step.next().nextSendAt())
                .as("the slot stays free for whoever asks when it is due")
                .isEqualTo(30_250);
        assertThat(step.next().lanes().get(single.key()).waiting()).isEqualTo(1);
        assertThat(step.next().leases()).isEmpty();
    }

    @Test
    void defersATicketHolderUntilTheSlotAndThenSendsItTakingTheSlot() {
        var waiting = rules.decide(
                        state(30_250, 0, Map.of(), Map.of(), Map.of()), 1, TWO_PER_MINUTE, single, null, 0, "l")
                .next();
        long ticket = waiting.lanes().get(single.key()).from();

        assertThat(rules.decide(waiting, 1, TWO_PER_MINUTE, single, ticket, 29_000, "lease-3")
                        .permit())
                .isEqualTo(new Permit.Queued(ticket, 30_250, Duration.ofMillis(1_250), "RATE"));
        var atItsTurn = rules.decide(waiting, 1, TWO_PER_MINUTE, single, ticket, 30_400, "lease-3");
        assertThat(atItsTurn.permit()).isInstanceOf(Permit.Granted.class);
        assertThat(atItsTurn.next().nextSendAt())
                .as("it waited for the slot: the next one is a spacing after the slot, not after it came")
                .isEqualTo(60_500);
        assertThat(atItsTurn.next().lanes().get(single.key()).waiting()).isZero();
    }

    @Test
    void aBatchMessageNearItsTurnComesBackByItsEarliestTurnAndOneFarFromItIsSetAside() {
        var state = state(1_000, 0, Map.of(), Map.of(), Map.of());
        state = rules.decide(state, 1, SIXTY_PER_MINUTE, batch, null, 0, "l").next();
        state = rules.decide(state, 1, SIXTY_PER_MINUTE, batch, null, 0, "l").next();

        assertThat(rules.decide(state, 1, SIXTY_PER_MINUTE, batch, null, 0, "l").permit())
                .as("2 tickets ahead: it asks again when they could both have gone")
                .isEqualTo(new Permit.Queued(
                        state.lanes().get(batch.key()).issued(),
                        1_000 + 2 * 1_008,
                        Duration.ofMillis(1_000 + 2 * 1_008),
                        "RATE"));
        for (int i = 0; i < 98; i++) {
            state = rules.decide(state, 1, SIXTY_PER_MINUTE, batch, null, 0, "l")
                    .next();
        }
        assertThat(rules.decide(state, 1, SIXTY_PER_MINUTE, batch, null, 0, "l").permit())
                .as("100 tickets ahead: set aside with its ticket, to come back when its lane nears it")
                .isEqualTo(new Permit.Distant(state.lanes().get(batch.key()).issued(), 1_000 + 100 * 1_008, "RATE"));
    }

    @Test
    void aGrantInABatchLaneNamesTheTicketsNowNearTheirTurn() {
        var state = withTickets(batch, 10);
        long first = state.lanes().get(batch.key()).from();

        var granted = rules.decide(state, 1, SIXTY_PER_MINUTE, batch, first, 1_000, "l")
                .permit();

        assertThat(granted)
                .as("the first served: the next three, up to 2 ahead (3 s of slots), ask")
                .isEqualTo(new Permit.Granted("sales", "l", true, first + 1 + 2 + 1));
    }

    @Test
    void aMessagePassedOverTakesThePlaceOfTheOneServedAheadOfIt() {
        var state = withTickets(batch, 10);
        long first = state.lanes().get(batch.key()).from();
        state = rules.decide(state, 1, SIXTY_PER_MINUTE, batch, first + 1, 1_000, "l")
                .next();

        var late = rules.decide(state, 1, SIXTY_PER_MINUTE, batch, first, 1_100, "l");

        assertThat(late.permit())
                .as("the first came late and the second took its slot: it waits as the second did, next in turn")
                .isInstanceOfSatisfying(
                        Permit.Queued.class,
                        queued -> assertThat(queued.ticket()).isEqualTo(first + 1));
    }

    @Test
    void holdsEveryMessageWhileGraphThrottlesTheAccount() {
        var state = state(0, 50_000, Map.of(), Map.of(), Map.of());

        assertThat(rules.decide(state, 1, TWO_PER_MINUTE, single, null, 10_000, "lease")
                        .permit())
                .isEqualTo(new Permit.Deferred(Duration.ofMillis(40_000), "THROTTLED_BY_GRAPH"));
        assertThat(rules.decide(state, 1, TWO_PER_MINUTE, single, 30_000L, 10_000, "lease")
                        .permit())
                .as("a ticket does not help")
                .isEqualTo(new Permit.Deferred(Duration.ofMillis(40_000), "THROTTLED_BY_GRAPH"));
    }

    @Test
    void defersAMessageOverTheDailyRecipientsUntilTheNextHour() {
        long now = 30 * HOUR_MS + 1_000;
        var state = state(0, 0, Map.of(), Map.of(Long.toString(now / HOUR_MS - 3), 9L), Map.of());

        var step = rules.decide(state, 2, new Limits(0, 10, 0), single, null, now, "lease");

        assertThat(step.permit())
                .isEqualTo(new Permit.Deferred(Duration.ofMillis(HOUR_MS - 1_000), "DAILY_RECIPIENTS"));
        assertThat(rules.decide(state, 1, new Limits(0, 10, 0), single, null, now, "lease")
                        .permit())
                .isInstanceOf(Permit.Granted.class);
    }

    @Test
    void forgetsRecipientsSentMoreThanADayAgo() {
        long now = 30 * HOUR_MS;
        var state = state(0, 0, Map.of(), Map.of(Long.toString(now / HOUR_MS - 24), 10L), Map.of());

        var step = rules.decide(state, 1, new Limits(0, 10, 0), single, null, now, "lease");

        assertThat(step.permit()).isInstanceOf(Permit.Granted.class);
        assertThat(step.next().recipientsByHour()).containsExactly(Map.entry(Long.toString(now / HOUR_MS), 1L));
    }

    @Test
    void defersAMessageWhileTheAccountHasAsManyCallsInProgressAsAllowed() {
        var state = state(0, 0, Map.of("a", 200_000L, "b", 200_000L, "expired", 500L), Map.of(), Map.of());

        var permit = rules.decide(state, 1, new Limits(0, 0, 2), single, null, 1_000, "lease")
                .permit();

        assertThat(permit).isInstanceOfSatisfying(Permit.Deferred.class, deferred -> {
            assertThat(deferred.reason()).isEqualTo("CONCURRENCY");
            assertThat(deferred.delay()).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
        });
        assertThat(rules.decide(state, 1, new Limits(0, 0, 3), single, null, 1_000, "lease")
                        .permit())
                .as("the expired lease does not count")
                .isInstanceOf(Permit.Granted.class);
    }

    @Test
    void defersAMessageWhenTheLastMinutesSendsReachTheRate() {
        var state = state(0, 0, Map.of(), Map.of(), Map.of("a", 10_000L, "b", 20_000L));

        assertThat(rules.decide(state, 1, TWO_PER_MINUTE, single, null, 30_000, "lease")
                        .permit())
                .isEqualTo(new Permit.Queued(30_000_000, 70_500, Duration.ofMillis(10_000 + 60_500 - 30_000), "RATE"));
    }

    @Test
    void keepsAFreeSlotUpToASlotForTheLaneWhoseTurnItIsThenGivesItToWhoeverAsks() {
        Lane batch = Lane.batch(UUID.randomUUID());
        var singleWaits = rules.decide(
                        state(10_000, 0, Map.of(), Map.of(), Map.of()), 1, TWO_PER_MINUTE, single, null, 9_000, "l")
                .next();

        assertThat(rules.decide(singleWaits, 1, TWO_PER_MINUTE, batch, null, 10_500, "l")
                        .permit())
                .as("the single send's turn; it may come a little late")
                .isInstanceOfSatisfying(
                        Permit.Queued.class,
                        queued -> assertThat(queued.reason()).isEqualTo("LANE"));
        assertThat(rules.decide(singleWaits, 1, TWO_PER_MINUTE, batch, null, 10_000 + 30_250, "l")
                        .permit())
                .as("a whole slot late it is not waited for any longer")
                .isInstanceOf(Permit.Granted.class);
    }

    @Test
    void passesOverALaneWhoseMessagesStoppedAsking() {
        Lane batch = Lane.batch(UUID.randomUUID());
        var singleWaits = rules.decide(
                        state(10_000, 0, Map.of(), Map.of(), Map.of()), 1, TWO_PER_MINUTE, single, null, 0, "l")
                .next();

        assertThat(rules.decide(singleWaits, 1, TWO_PER_MINUTE, batch, null, 130_000, "l")
                        .permit())
                .as("none of its messages asked for over two minutes")
                .isInstanceOf(Permit.Granted.class);
    }

    @Test
    void givesBulkOneSlotInBulkEveryWhileSingleSendsKeepComing() {
        Lane batch = Lane.batch(UUID.randomUUID());
        var state = rules.decide(state(10_000, 0, Map.of(), Map.of(), Map.of()), 1, TWO_PER_MINUTE, batch, null, 0, "l")
                .next();
        var lanes = new HashMap<>(state.lanes());
        lanes.put(single.key(), new LaneState(0, 5, 0, 0, 9_000, false));
        var streakOfFour =
                new PacingState("sales", 10_000, new HashMap<>(), new HashMap<>(), 0, new HashMap<>(), lanes, 4, 1L);

        assertThat(rules.decide(streakOfFour, 1, TWO_PER_MINUTE, single, 0L, 10_000, "l")
                        .permit())
                .isInstanceOfSatisfying(
                        Permit.Queued.class,
                        queued -> assertThat(queued.reason()).isEqualTo("LANE"));
        var bulkServed = rules.decide(streakOfFour, 1, TWO_PER_MINUTE, batch, 0L, 10_000, "l");
        assertThat(bulkServed.permit()).isInstanceOf(Permit.Granted.class);
        assertThat(bulkServed.next().transactionalStreak()).isZero();
    }

    /** The next slot at 1 s, and {@code tickets} messages of {@code lane} given tickets at 0. */
    private PacingState withTickets(Lane lane, int tickets) {
        var state = state(1_000, 0, Map.of(), Map.of(), Map.of());
        for (int i = 0; i < tickets; i++) {
            state = rules.decide(state, 1, SIXTY_PER_MINUTE, lane, null, 0, "l").next();
        }
        return state;
    }

    private static PacingState state(
            long nextSendAt,
            long blockedUntil,
            Map<String, Long> leases,
            Map<String, Long> recipientsByHour,
            Map<String, Long> recentSends) {
        return new PacingState(
                "sales",
                nextSendAt,
                new HashMap<>(leases),
                new HashMap<>(recipientsByHour),
                blockedUntil,
                new HashMap<>(recentSends),
                new HashMap<>(),
                0,
                1L);
    }
}

package io.graphmail.worker.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pacing decisions on given states, with no storage. */
class PacingRulesTests {

    static final long HOUR_MS = Duration.ofHours(1).toMillis();
    static final Limits TWO_PER_MINUTE = new Limits(2, 0, 0);

    final PacingRules rules = new PacingRules(Duration.ofMinutes(2));

    @Test
    void grantsAFirstMessageAndGivesTheNextSlotToTheOneAfter() {
        var step = rules.decide(PacingState.fresh("sales"), 1, TWO_PER_MINUTE, null, 1_000, "lease-1");

        assertThat(step.permit()).isEqualTo(new Permit.Granted("sales", "lease-1", true));
        assertThat(step.next().nextSendAt()).isEqualTo(1_000 + 30_250);
        assertThat(step.next().leases())
                .containsEntry("lease-1", 1_000 + Duration.ofMinutes(2).toMillis());
        assertThat(step.next().recentSends()).containsEntry("lease-1", 1_000L);
    }

    @Test
    void reservesTheNextFreeSlotForAMessageNotYetDue() {
        var state = state(30_250, 0, Map.of(), Map.of(), Map.of());

        var step = rules.decide(state, 1, TWO_PER_MINUTE, null, 1_000, "lease-2");

        assertThat(step.permit()).isEqualTo(new Permit.Reserved(30_250, Duration.ofMillis(29_250)));
        assertThat(step.next().nextSendAt())
                .as("the slot after is the next one free")
                .isEqualTo(60_500);
        assertThat(step.next().leases()).isEmpty();
    }

    @Test
    void defersASlotHolderUntilItsTurnAndThenSendsItWithoutTakingAnotherSlot() {
        var state = state(60_500, 0, Map.of(), Map.of(), Map.of());

        assertThat(rules.decide(state, 1, TWO_PER_MINUTE, 30_250L, 29_000, "lease-3")
                        .permit())
                .isEqualTo(new Permit.Deferred(Duration.ofMillis(1_250), "RATE"));
        var atItsTurn = rules.decide(state, 1, TWO_PER_MINUTE, 30_250L, 30_250, "lease-3");
        assertThat(atItsTurn.permit()).isInstanceOf(Permit.Granted.class);
        assertThat(atItsTurn.next().nextSendAt()).isEqualTo(60_500);
    }

    @Test
    void holdsEveryMessageWhileGraphThrottlesTheAccountAndDropsSlotsGivenBefore() {
        var state = state(0, 50_000, Map.of(), Map.of(), Map.of());

        assertThat(rules.decide(state, 1, TWO_PER_MINUTE, null, 10_000, "lease").permit())
                .isEqualTo(new Permit.Deferred(Duration.ofMillis(40_000), "THROTTLED_BY_GRAPH"));
        assertThat(rules.decide(state, 1, TWO_PER_MINUTE, 30_000L, 10_000, "lease")
                        .permit())
                .as("a slot handed out before the throttling no longer holds")
                .isEqualTo(new Permit.Deferred(Duration.ofMillis(40_000), "THROTTLED_BY_GRAPH"));
    }

    @Test
    void defersAMessageOverTheDailyRecipientsUntilTheNextHour() {
        long now = 30 * HOUR_MS + 1_000;
        var state = state(0, 0, Map.of(), Map.of(Long.toString(now / HOUR_MS - 3), 9L), Map.of());

        var step = rules.decide(state, 2, new Limits(0, 10, 0), null, now, "lease");

        assertThat(step.permit())
                .isEqualTo(new Permit.Deferred(Duration.ofMillis(HOUR_MS - 1_000), "DAILY_RECIPIENTS"));
        assertThat(rules.decide(state, 1, new Limits(0, 10, 0), null, now, "lease")
                        .permit())
                .isInstanceOf(Permit.Granted.class);
    }

    @Test
    void forgetsRecipientsSentMoreThanADayAgo() {
        long now = 30 * HOUR_MS;
        var state = state(0, 0, Map.of(), Map.of(Long.toString(now / HOUR_MS - 24), 10L), Map.of());

        var step = rules.decide(state, 1, new Limits(0, 10, 0), null, now, "lease");

        assertThat(step.permit()).isInstanceOf(Permit.Granted.class);
        assertThat(step.next().recipientsByHour()).containsExactly(Map.entry(Long.toString(now / HOUR_MS), 1L));
    }

    @Test
    void defersAMessageWhileTheAccountHasAsManyCallsInProgressAsAllowed() {
        var state = state(0, 0, Map.of("a", 200_000L, "b", 200_000L, "expired", 500L), Map.of(), Map.of());

        var permit = rules.decide(state, 1, new Limits(0, 0, 2), null, 1_000, "lease")
                .permit();

        assertThat(permit).isInstanceOfSatisfying(Permit.Deferred.class, deferred -> {
            assertThat(deferred.reason()).isEqualTo("CONCURRENCY");
            assertThat(deferred.delay()).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
        });
        assertThat(rules.decide(state, 1, new Limits(0, 0, 3), null, 1_000, "lease")
                        .permit())
                .as("the expired lease does not count")
                .isInstanceOf(Permit.Granted.class);
    }

    @Test
    void defersAMessageWhenTheLastMinutesSendsReachTheRate() {
        var state = state(0, 0, Map.of(), Map.of(), Map.of("a", 10_000L, "b", 20_000L));

        assertThat(rules.decide(state, 1, TWO_PER_MINUTE, null, 30_000, "lease").permit())
                .isEqualTo(new Permit.Deferred(Duration.ofMillis(10_000 + 60_500 - 30_000), "RATE"));
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
                1L);
    }
}

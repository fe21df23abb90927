package io.graphmail.worker.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.graphmail.testsupport.MutableClock;
import io.graphmail.testsupport.TestBackends;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The pacing rules against a real MongoDB wire protocol, with a clock the test moves. */
class AccountPacingTests {

    static final MongoClient client = MongoClients.create(TestBackends.mongoUri());
    static final MongoTemplate mongo = new MongoTemplate(client, "pacing-tests");

    final MutableClock clock = new MutableClock();
    final AccountPacing pacing = new MongoAccountPacing(
            mongo, new PacingProperties(30, 10_000, 5_000, 4, Duration.ofMinutes(2), Duration.ofMinutes(2)), clock);
    final String account = "account-" + UUID.randomUUID();

    @AfterAll
    static void close() {
        client.close();
    }

    // Two a minute: slots 30.25 s apart, half of the 60.5 s the log counts as a minute.
    @Test
    void givesMessagesThatAreNotYetDueEvenlySpacedSlotsInTurn() {
        var twoPerMinute = new Limits(2, 0, 0);

        assertThat(pacing.acquire(account, 1, twoPerMinute, null)).isInstanceOf(Permit.Granted.class);
        assertThat(pacing.acquire(account, 1, twoPerMinute, null))
                .isEqualTo(new Permit.Reserved(30_250, Duration.ofMillis(30_250)));
        assertThat(pacing.acquire(account, 1, twoPerMinute, null))
                .isEqualTo(new Permit.Reserved(60_500, Duration.ofMillis(60_500)));
    }

    @Test
    void sendsASlotHolderAtItsTurnWithoutTakingAnotherSlot() {
        var twoPerMinute = new Limits(2, 0, 0);
        pacing.acquire(account, 1, twoPerMinute, null);
        var reserved = (Permit.Reserved) pacing.acquire(account, 1, twoPerMinute, null);

        clock.set(29_000);
        assertThat(pacing.acquire(account, 1, twoPerMinute, reserved.slot()))
                .isEqualTo(new Permit.Deferred(Duration.ofMillis(1_250), "RATE"));
        clock.set(30_250);
        assertThat(pacing.acquire(account, 1, twoPerMinute, reserved.slot())).isInstanceOf(Permit.Granted.class);
        assertThat(pacing.acquire(account, 1, twoPerMinute, null))
                .as("the next newcomer gets the slot after")
                .isEqualTo(new Permit.Reserved(60_500, Duration.ofMillis(30_250)));
    }

    @Test
    void neverExceedsTheRateInAnyMinuteWhenSlotHoldersComeBackLate() {
        var twoPerMinute = new Limits(2, 0, 0);
        pacing.acquire(account, 1, twoPerMinute, null);
        long second = ((Permit.Reserved) pacing.acquire(account, 1, twoPerMinute, null)).slot();
        long third = ((Permit.Reserved) pacing.acquire(account, 1, twoPerMinute, null)).slot();
        long fourth = ((Permit.Reserved) pacing.acquire(account, 1, twoPerMinute, null)).slot();

        clock.set(70_000);
        assertThat(pacing.acquire(account, 1, twoPerMinute, second)).isInstanceOf(Permit.Granted.class);
        clock.set(75_000);
        assertThat(pacing.acquire(account, 1, twoPerMinute, third)).isInstanceOf(Permit.Granted.class);
        clock.set(fourth);
        assertThat(pacing.acquire(account, 1, twoPerMinute, fourth))
                .as("two sends started in the last minute; the next may go when the first is a minute old"
                        + " (and half a second, for the way to Graph)")
                .isEqualTo(new Permit.Deferred(Duration.ofMillis(39_750), "RATE"));
    }

    @Test
    void countsASendInTheLogFromWhenItsGraphCallEnded() {
        var onePerMinute = new Limits(1, 0, 0);
        var first = (Permit.Granted) pacing.acquire(account, 1, onePerMinute, null);
        long slot = ((Permit.Reserved) pacing.acquire(account, 1, onePerMinute, null)).slot();
        clock.set(5_000);
        pacing.release(first);

        clock.set(slot);
        assertThat(pacing.acquire(account, 1, onePerMinute, slot))
                .as("the first call ended at 5 s, so Graph may have counted it as late as that")
                .isEqualTo(new Permit.Deferred(Duration.ofSeconds(5), "RATE"));
    }

    @Test
    void slotsFromBeforeGraphThrottledTheAccountAreReplaced() {
        var twoPerMinute = new Limits(2, 0, 0);
        pacing.acquire(account, 1, twoPerMinute, null);
        long slot = ((Permit.Reserved) pacing.acquire(account, 1, twoPerMinute, null)).slot();
        pacing.throttled(account, Duration.ofSeconds(100));

        clock.set(slot);
        assertThat(pacing.acquire(account, 1, twoPerMinute, slot))
                .isEqualTo(new Permit.Deferred(Duration.ofMillis(69_750), "THROTTLED_BY_GRAPH"));
        clock.set(100_000);
        assertThat(pacing.acquire(account, 1, twoPerMinute, slot))
                .as("the old slot no longer counts; the first slot after the hold is free")
                .isInstanceOf(Permit.Granted.class);
    }

    @Test
    void capsConcurrentCallsUntilAPermitIsReleased() {
        var oneAtATime = new Limits(0, 0, 1);
        var first = (Permit.Granted) pacing.acquire(account, 1, oneAtATime, null);

        assertThat(pacing.acquire(account, 1, oneAtATime, null))
                .isInstanceOfSatisfying(
                        Permit.Deferred.class,
                        deferred -> assertThat(deferred.reason()).isEqualTo("CONCURRENCY"));
        pacing.release(first);
        assertThat(pacing.acquire(account, 1, oneAtATime, null)).isInstanceOf(Permit.Granted.class);
    }

    @Test
    void defersToTheNextHourOnceTheDailyRecipientBudgetIsSpent() {
        var fiveRecipientsADay = new Limits(0, 5, 0);
        clock.set(Duration.ofMinutes(90).toMillis());
        assertThat(pacing.acquire(account, 4, fiveRecipientsADay, null)).isInstanceOf(Permit.Granted.class);

        assertThat(pacing.acquire(account, 2, fiveRecipientsADay, null))
                .isEqualTo(new Permit.Deferred(Duration.ofMinutes(30), "DAILY_RECIPIENTS"));
        assertThat(pacing.acquire(account, 1, fiveRecipientsADay, null)).isInstanceOf(Permit.Granted.class);
    }
}

package io.graphmail.worker.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.graphmail.testsupport.MutableClock;
import io.graphmail.testsupport.TestBackends;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The pacing rules against a real MongoDB wire protocol, with a clock the test moves. */
class AccountPacingTests {

    static final MongoClient client = MongoClients.create(TestBackends.mongoUri());
    static final MongoTemplate mongo = new MongoTemplate(client, "pacing-tests");

    final MutableClock clock = new MutableClock();
    final List<Duration> waits = new ArrayList<>();
    final AccountPacing pacing = new MongoAccountPacing(
            mongo,
            new PacingProperties(
                    30, 10_000, 5_000, 4, Duration.ofMinutes(2), Duration.ofMinutes(2), Duration.ofMillis(500)),
            LaneProperties.defaults(),
            clock,
            wait -> {
                waits.add(wait);
                clock.advance(wait);
                return true;
            });
    final String account = "account-" + UUID.randomUUID();
    final Lane single = Lane.transactional();
    final Lane batch = Lane.batch(UUID.randomUUID());
    final Lane otherBatch = Lane.batch(UUID.randomUUID());

    @AfterAll
    static void close() {
        client.close();
    }

    // Two a minute: slots 30.25 s apart, half of the 60.5 s the log counts as a minute. A message comes back from the
    // delay queues 250 ms before its turn.
    @Test
    void givesMessagesThatAreNotYetDueTicketsThatComeBackEvenlySpacedInTurn() {
        var twoPerMinute = new Limits(2, 0, 0);

        assertThat(acquire(twoPerMinute, single, null)).isInstanceOf(Permit.Granted.class);
        assertThat(queued(acquire(twoPerMinute, single, null)))
                .extracting(Permit.Queued::turnAt, Permit.Queued::delay, Permit.Queued::reason)
                .containsExactly(30_250L, Duration.ofMillis(30_000), "RATE");
        assertThat(queued(acquire(twoPerMinute, single, null)))
                .extracting(Permit.Queued::turnAt, Permit.Queued::delay)
                .containsExactly(60_500L, Duration.ofMillis(60_250));
        assertThat(waits).isEmpty();
    }

    @Test
    void waitsInProcessForATurnAMomentAwayAndSendsOnTime() {
        var twoPerMinute = new Limits(2, 0, 0);
        acquire(twoPerMinute, single, null);
        long ticket = queued(acquire(twoPerMinute, single, null)).ticket();

        clock.set(30_050);
        assertThat(acquire(twoPerMinute, single, ticket))
                .as("its turn comes 200 ms later, sooner than the shortest delay queue would bring it back")
                .isInstanceOf(Permit.Granted.class);
        assertThat(waits).containsExactly(Duration.ofMillis(200));
        assertThat(clock.millis()).isEqualTo(30_250);
    }

    @Test
    void sendsATicketHolderAtItsTurnAndKeepsTheScheduleForTheNext() {
        var twoPerMinute = new Limits(2, 0, 0);
        sent(acquire(twoPerMinute, single, null));
        long ticket = queued(acquire(twoPerMinute, single, null)).ticket();

        clock.set(29_000);
        assertThat(queued(acquire(twoPerMinute, single, ticket)))
                .extracting(Permit.Queued::ticket, Permit.Queued::delay, Permit.Queued::reason)
                .containsExactly(ticket, Duration.ofMillis(1_000), "RATE");
        clock.set(30_250);
        assertThat(sent(acquire(twoPerMinute, single, ticket))).isInstanceOf(Permit.Granted.class);
        assertThat(queued(acquire(twoPerMinute, single, null)))
                .as("the next newcomer waits for the slot after")
                .extracting(Permit.Queued::turnAt, Permit.Queued::delay)
                .containsExactly(60_500L, Duration.ofMillis(30_000));
    }

    @Test
    void aMessageThatComesBackLateTakesNoSlotOfOthersAndCausesNoBurst() {
        var twoPerMinute = new Limits(2, 0, 0);
        sent(acquire(twoPerMinute, single, null));
        long second = queued(acquire(twoPerMinute, single, null)).ticket();
        long third = queued(acquire(twoPerMinute, single, null)).ticket();

        clock.set(70_000);
        assertThat(sent(acquire(twoPerMinute, single, second))).isInstanceOf(Permit.Granted.class);
        clock.set(75_000);
        assertThat(queued(acquire(twoPerMinute, single, third)))
                .as("the schedule restarts from the late send, a full spacing after it")
                .extracting(Permit.Queued::turnAt)
                .isEqualTo(100_250L);
    }

    @Test
    void countsASendInTheLogFromWhenItsGraphCallEnded() {
        var onePerMinute = new Limits(1, 0, 0);
        var first = (Permit.Granted) acquire(onePerMinute, single, null);
        var waiting = queued(acquire(onePerMinute, single, null));
        clock.set(5_000);
        pacing.release(first);

        clock.set(waiting.turnAt());
        assertThat(queued(acquire(onePerMinute, single, waiting.ticket())))
                .as("the first call ended at 5 s, so Graph may have counted it as late as that")
                .extracting(Permit.Queued::delay, Permit.Queued::reason)
                .containsExactly(Duration.ofMillis(4_750), "RATE");
    }

    @Test
    void holdsEveryMessageWhileGraphThrottlesTheAccount() {
        var twoPerMinute = new Limits(2, 0, 0);
        acquire(twoPerMinute, single, null);
        var waiting = queued(acquire(twoPerMinute, single, null));
        pacing.throttled(account, Duration.ofSeconds(100));

        clock.set(waiting.turnAt());
        assertThat(acquire(twoPerMinute, single, waiting.ticket()))
                .isEqualTo(new Permit.Deferred(Duration.ofMillis(69_750), "THROTTLED_BY_GRAPH"));
        clock.set(100_000);
        assertThat(acquire(twoPerMinute, single, waiting.ticket()))
                .as("the first slot after the hold is free")
                .isInstanceOf(Permit.Granted.class);
    }

    @Test
    void aSingleSendTakesTheNextSlotAheadOfAWaitingBatch() {
        var twoPerMinute = new Limits(2, 0, 0);
        sent(acquire(twoPerMinute, batch, null));
        var batchTickets = new ArrayList<Long>();
        for (int i = 0; i < 50; i++) {
            batchTickets.add(ticketOf(acquire(twoPerMinute, batch, null)));
        }
        var single = queued(acquire(twoPerMinute, this.single, null));
        assertThat(single.turnAt()).as("its turn is the next slot").isEqualTo(30_250L);

        clock.set(30_250);
        assertThat(queued(acquire(twoPerMinute, batch, batchTickets.get(0))).reason())
                .as("the batch's first message came first, but the slot is the single send's")
                .isEqualTo("LANE");
        assertThat(sent(acquire(twoPerMinute, this.single, single.ticket()))).isInstanceOf(Permit.Granted.class);
        clock.set(60_500);
        assertThat(acquire(twoPerMinute, batch, batchTickets.get(0))).isInstanceOf(Permit.Granted.class);
    }

    @Test
    void twoBatchesTakeTurnsAndAClosedOneStopsWaitingAtOnce() {
        var sixtyPerMinute = new Limits(60, 0, 0);
        clock.set(1_000);
        acquire(sixtyPerMinute, batch, null);
        long first = queued(acquire(sixtyPerMinute, batch, null)).ticket();
        long second = queued(acquire(sixtyPerMinute, batch, null)).ticket();
        long other = queued(acquire(sixtyPerMinute, otherBatch, null)).ticket();

        clock.set(2_008);
        assertThat(queued(acquire(sixtyPerMinute, batch, first)).reason())
                .as("the first batch was served last: the other's turn")
                .isEqualTo("LANE");
        assertThat(acquire(sixtyPerMinute, otherBatch, other)).isInstanceOf(Permit.Granted.class);

        UUID firstBatchId = UUID.fromString(batch.key().substring("batch-".length()));
        pacing.closeLane(firstBatchId);
        long otherAgain = queued(acquire(sixtyPerMinute, otherBatch, null)).ticket();
        clock.set(3_016);
        assertThat(acquire(sixtyPerMinute, otherBatch, otherAgain))
                .as("the paused batch's waiting messages no longer count")
                .isInstanceOf(Permit.Granted.class);
        assertThat(second).isGreaterThan(first);
    }

    @Test
    void aClosedLaneGivesItsLateMessagesNoSlotUntilItIsOpenedAgain() {
        var sixtyPerMinute = new Limits(60, 0, 0);
        acquire(sixtyPerMinute, batch, null);
        long waiting = queued(acquire(sixtyPerMinute, batch, null)).ticket();
        UUID batchId = UUID.fromString(batch.key().substring("batch-".length()));

        pacing.closeLane(batchId);
        clock.set(5_000);
        assertThat(acquire(sixtyPerMinute, batch, waiting))
                .as("a worker read the batch as running just before the pause")
                .isEqualTo(new Permit.Deferred(Duration.ofSeconds(1), Permit.LANE_CLOSED));
        assertThat(acquire(sixtyPerMinute, otherBatch, null))
                .as("the closed lane keeps no slot")
                .isInstanceOf(Permit.Granted.class);

        pacing.openLane(batchId);
        assertThat(queued(acquire(sixtyPerMinute, batch, waiting)).ticket())
                .as("resumed: a ticket in a new lane")
                .isNotEqualTo(waiting);
    }

    @Test
    void capsConcurrentCallsUntilAPermitIsReleased() {
        var oneAtATime = new Limits(0, 0, 1);
        var first = (Permit.Granted) acquire(oneAtATime, single, null);

        assertThat(acquire(oneAtATime, single, null))
                .isInstanceOfSatisfying(
                        Permit.Deferred.class,
                        deferred -> assertThat(deferred.reason()).isEqualTo("CONCURRENCY"));
        pacing.release(first);
        assertThat(acquire(oneAtATime, single, null)).isInstanceOf(Permit.Granted.class);
    }

    @Test
    void defersToTheNextHourOnceTheDailyRecipientBudgetIsSpent() {
        var fiveRecipientsADay = new Limits(0, 5, 0);
        clock.set(Duration.ofMinutes(90).toMillis());
        assertThat(pacing.acquire(account, 4, fiveRecipientsADay, single, null)).isInstanceOf(Permit.Granted.class);

        assertThat(pacing.acquire(account, 2, fiveRecipientsADay, single, null))
                .isEqualTo(new Permit.Deferred(Duration.ofMinutes(30), "DAILY_RECIPIENTS"));
        assertThat(pacing.acquire(account, 1, fiveRecipientsADay, single, null)).isInstanceOf(Permit.Granted.class);
    }

    private Permit acquire(Limits limits, Lane lane, Long ticket) {
        return pacing.acquire(account, 1, limits, lane, ticket);
    }

    /** A permit whose Graph call, if it was granted one, ended at once: released, as the worker releases it. */
    private Permit sent(Permit permit) {
        if (permit instanceof Permit.Granted granted) {
            pacing.release(granted);
        }
        return permit;
    }

    /** The ticket of a message that waits, whether it asks again or is set aside until its lane nears it. */
    private static long ticketOf(Permit permit) {
        return permit instanceof Permit.Distant distant
                ? distant.ticket()
                : queued(permit).ticket();
    }

    private static Permit.Queued queued(Permit permit) {
        assertThat(permit).isInstanceOf(Permit.Queued.class);
        return (Permit.Queued) permit;
    }
}

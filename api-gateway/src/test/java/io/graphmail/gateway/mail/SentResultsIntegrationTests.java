package io.graphmail.gateway.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.gateway.mail.MailRecords.SentResult;
import io.graphmail.gateway.mail.MailRecords.Transition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * SENT results recorded many at a time ({@link MailRecords#recordSent(List)}), over the MongoDB wire protocol: each
 * result must say whether it moved its record exactly as one recorded alone would, since the status metrics, the
 * delivery-time histogram and the batch's completion count on it.
 */
class SentResultsIntegrationTests extends MailRecordsOverTheWire {

    private final List<String> batchesTold = Collections.synchronizedList(new ArrayList<>());

    SentResultsIntegrationTests() {
        super(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void eachResultOfAGroupMovesItsRecordUnlessItHasAResultAlready() {
        var recording = recordsTellingBatches();
        var statuses = List.of(
                MailStatus.ACCEPTED,
                MailStatus.SENDING,
                MailStatus.CANCELLED,
                MailStatus.SENT,
                MailStatus.FAILED,
                MailStatus.DEAD_LETTERED,
                MailStatus.BOUNCED,
                MailStatus.SUPPRESSED);
        var ids = statuses.stream()
                .map(status -> record(status, "batch-" + status))
                .toList();
        UUID missing = UUID.randomUUID();
        Instant sentAt = clock.instant();
        var results = new ArrayList<SentResult>();
        ids.forEach(id -> results.add(new SentResult(id, 2, sentAt)));
        results.add(new SentResult(missing, 1, sentAt));

        var transitions = recording.recordSent(results);

        assertThat(transitions)
                .extracting(Transition::moved)
                .containsExactly(true, true, true, false, false, false, false, false, false);
        assertThat(transitions.subList(0, 3)).extracting(Transition::client).containsOnly("client-a");
        assertThat(ids)
                .extracting(id -> records.find(id).orElseThrow().status())
                .containsExactly(
                        MailStatus.SENT,
                        MailStatus.SENT,
                        MailStatus.SENT,
                        MailStatus.SENT,
                        MailStatus.FAILED,
                        MailStatus.DEAD_LETTERED,
                        MailStatus.BOUNCED,
                        MailStatus.SUPPRESSED);
        var sent = records.find(ids.get(0)).orElseThrow();
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(sent.sentAt()).isEqualTo(sentAt);
        assertThat(batchesTold).containsExactlyInAnyOrder("batch-ACCEPTED", "batch-SENDING", "batch-CANCELLED");
    }

    @Test
    void aResultNamedTwiceInOneGroupMovesItsRecordOnce() {
        UUID id = record(MailStatus.ACCEPTED, null);
        var result = new SentResult(id, 1, clock.instant());

        var transitions = records.recordSent(List.of(result, result));

        assertThat(transitions).extracting(Transition::moved).containsExactly(true, false);
    }

    @Test
    void aResultRecordedAgainLaterMovesNothing() {
        UUID id = record(MailStatus.ACCEPTED, null);
        var result = new SentResult(id, 1, clock.instant());
        assertThat(records.recordSent(List.of(result)).get(0).moved()).isTrue();

        assertThat(records.recordSent(List.of(result)).get(0).moved())
                .as("the same result redelivered")
                .isFalse();
        assertThat(records.markSent(id, 1, clock.instant())).isFalse();
    }

    /** Two gateways (or two consumers of one) recording the same results at once: each record moves once in all. */
    @Test
    void groupsRecordedAtOnceMoveEachRecordOnceBetweenThem() throws Exception {
        var ids = new ArrayList<UUID>();
        for (int i = 0; i < 200; i++) {
            ids.add(record(MailStatus.ACCEPTED, null));
        }
        var results =
                ids.stream().map(id -> new SentResult(id, 1, clock.instant())).toList();
        var reversed = new ArrayList<>(results);
        Collections.reverse(reversed);
        var threads = Executors.newFixedThreadPool(4);
        try {
            var groups = new ArrayList<Future<List<Transition>>>();
            for (List<SentResult> order : List.of(results, reversed, results, reversed)) {
                Callable<List<Transition>> inGroupsOfTen = () -> {
                    var transitions = new ArrayList<Transition>();
                    for (int from = 0; from < order.size(); from += 10) {
                        transitions.addAll(records.recordSent(order.subList(from, from + 10)));
                    }
                    return transitions;
                };
                groups.add(threads.submit(inGroupsOfTen));
            }
            long moved = 0;
            for (var group : groups) {
                moved += group.get().stream().filter(Transition::moved).count();
            }

            assertThat(moved).isEqualTo(ids.size());
        } finally {
            threads.shutdownNow();
        }
        assertThat(ids)
                .allSatisfy(id ->
                        assertThat(records.find(id).orElseThrow().status()).isEqualTo(MailStatus.SENT));
    }

    private MailRecords recordsTellingBatches() {
        return new MailRecords(mongo, clock, batchesTold::add);
    }
}

package io.graphmail.gateway.batches;

import io.graphmail.gateway.mail.MailStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A batch as its client sees it: counts, rate and when it should be done. */
@Component
class BatchViews {

    private final Batches batches;
    private final AccountQueues queues;
    private final AccountRates rates;
    private final Clock clock;

    BatchViews(Batches batches, AccountQueues queues, AccountRates rates, Clock clock) {
        this.batches = batches;
        this.queues = queues;
        this.rates = rates;
        this.clock = clock;
    }

    BatchView of(Batch batch) {
        Instant now = clock.instant();
        Map<String, Long> counts = batches.countsByStatus(batch.id());
        long unfinished = MailStatus.UNFINISHED.stream()
                .mapToLong(status -> counts.getOrDefault(status.name(), 0L))
                .sum();
        int rate = rates.messagesPerMinute(batch.accountId());
        return new BatchView(
                batch.id(),
                batch.accountId(),
                batch.state(),
                batch.total(),
                batch.state() == Batch.State.PAUSED ? paused(counts) : counts,
                batches.sentSince(batch.id(), now.minusSeconds(60)),
                batch.createdAt(),
                batch.sendAt(),
                batch.completedAt(),
                estimate(batch, unfinished, rate, now),
                rate);
    }

    /** What is queued for the account now weighs on a batch that starts now; a later start finds other queues. */
    private Instant estimate(Batch batch, long unfinished, int rate, Instant now) {
        if (batch.state() != Batch.State.ACTIVE && batch.state() != Batch.State.SCHEDULED) {
            return null;
        }
        if (batch.sendAt() != null && batch.sendAt().isAfter(now)) {
            return new Workload(unfinished, 0, List.of()).completionAt(batch.sendAt(), rate);
        }
        return queues.workload(batch, unfinished).completionAt(now, rate);
    }

    private static Map<String, Long> paused(Map<String, Long> counts) {
        var folded = new LinkedHashMap<String, Long>();
        counts.forEach((status, count) -> {
            boolean waiting =
                    MailStatus.UNFINISHED.stream().anyMatch(s -> s.name().equals(status));
            folded.merge(waiting ? "PAUSED" : status, count, Long::sum);
        });
        return folded;
    }
}

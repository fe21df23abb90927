package io.graphmail.gateway.batches;

import io.graphmail.gateway.mail.BatchProgress;
import java.time.Clock;
import java.time.Instant;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ends a batch once every message of it is final: whichever gateway records a batch's last result checks, and the
 * conditional update in {@link Batches#complete} lets exactly one of them make it COMPLETED. A periodic round catches
 * the batch whose last result was recorded by a gateway that stopped before checking, and makes scheduled batches
 * ACTIVE once their {@code sendAt} has come.
 */
@Component
class CompletingBatches implements BatchProgress {

    private static final Logger log = LoggerFactory.getLogger(CompletingBatches.class);

    private static final int PER_ROUND = 500;

    private final Batches batches;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    CompletingBatches(Batches batches, Clock clock, ApplicationEventPublisher events) {
        this.batches = batches;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public void messageFinished(String batchId) {
        if (!batches.hasUnfinished(batchId)) {
            finish(batchId);
        }
    }

    @Scheduled(fixedDelayString = "${graphmail.gateway.batches.lifecycle-interval:10s}")
    @SchedulerLock(name = "batch-lifecycle", lockAtMostFor = "5m")
    void round() {
        batches.activateDue(clock.instant());
        batches.unfinishedIds(PER_ROUND).forEach(this::messageFinished);
    }

    private void finish(String batchId) {
        Instant now = clock.instant();
        if (batches.complete(batchId, now)) {
            completed(batchId, now);
        }
    }

    /** The one place a batch becomes COMPLETED. */
    private void completed(String batchId, Instant at) {
        log.info("Batch {} completed", batchId);
        batches.find(batchId)
                .ifPresent(batch -> events.publishEvent(new CompletedBatch(
                        batchId, batch.accountId(), batch.client(), at, batches.countsByStatus(batchId))));
    }
}

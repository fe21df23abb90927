package io.graphmail.gateway.batches;

import io.graphmail.gateway.mail.BatchProgress;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Ends a batch once every message of it is final: whichever gateway records a batch's last result checks, and the
 * conditional update in {@link Batches#complete} lets exactly one of them make it COMPLETED. A periodic round catches
 * the batch whose last result was recorded by a gateway that stopped before checking, and makes scheduled batches
 * ACTIVE once their {@code sendAt} has come.
 *
 * <p>A result does not check at once: it asks for a check {@link #CHECK_AFTER} later, which every result of the batch
 * recorded meanwhile shares. A busy batch is checked about ten times a second rather than once per message (the check
 * was a fifth of recording a result). A check leaves the pending set before it reads, so a result recorded while it
 * reads asks for another: the last result of a batch is always followed by a check that starts after it.
 */
@Component
class CompletingBatches implements BatchProgress {

    private static final Logger log = LoggerFactory.getLogger(CompletingBatches.class);

    private static final int PER_ROUND = 500;

    static final Duration CHECK_AFTER = Duration.ofMillis(100);

    private final Batches batches;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final Set<String> checksPending = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService checks =
            Executors.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("batch-completion-"));

    CompletingBatches(Batches batches, Clock clock, ApplicationEventPublisher events) {
        this.batches = batches;
        this.clock = clock;
        this.events = events;
    }

    /** Checks the batch {@link #CHECK_AFTER} from now, together with the other messages finished until then. */
    @Override
    public void messageFinished(String batchId) {
        if (checksPending.add(batchId)) {
            try {
                checks.schedule(() -> pendingCheck(batchId), CHECK_AFTER.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                // This gateway is shutting down; the periodic round of one still running ends the batch.
                checksPending.remove(batchId);
            }
        }
    }

    private void pendingCheck(String batchId) {
        checksPending.remove(batchId);
        try {
            endIfFinished(batchId);
        } catch (RuntimeException e) {
            log.warn("Could not check whether batch {} is finished; the periodic round will", batchId, e);
        }
    }

    @Override
    public void mayHaveFinished(String batchId) {
        endIfFinished(batchId);
    }

    /** Ends the batch now if none of its messages may still change. */
    void endIfFinished(String batchId) {
        if (!batches.hasUnfinished(batchId)) {
            finish(batchId);
        }
    }

    @PreDestroy
    void stopChecking() {
        checks.shutdownNow();
    }

    @Scheduled(fixedDelayString = "${graphmail.gateway.batches.lifecycle-interval:10s}")
    @SchedulerLock(name = "batch-lifecycle", lockAtMostFor = "5m")
    void round() {
        batches.activateDue(clock.instant());
        batches.unfinishedIds(PER_ROUND).forEach(this::endIfFinished);
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

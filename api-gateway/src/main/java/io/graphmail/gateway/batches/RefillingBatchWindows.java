package io.graphmail.gateway.batches;

import io.graphmail.gateway.mail.Outbox;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes the messages a batch's window held back as those before them become final, for ACTIVE batches only: a
 * paused batch takes nothing more onto the broker, a cancelled one has no message left waiting, and a scheduled one
 * waits for its time. One gateway at a time refills; a refill that stops half-way leaves its claimed messages to the
 * outbox sweeper.
 */
@Component
class RefillingBatchWindows {

    private static final Logger log = LoggerFactory.getLogger(RefillingBatchWindows.class);

    private final Outbox outbox;
    private final Batches batches;
    private final AccountRates rates;

    RefillingBatchWindows(Outbox outbox, Batches batches, AccountRates rates) {
        this.outbox = outbox;
        this.batches = batches;
        this.rates = rates;
    }

    @Scheduled(fixedDelayString = "${graphmail.gateway.batches.window-refill:1s}")
    @SchedulerLock(name = "batch-windows", lockAtMostFor = "1m")
    void refill() {
        List<String> waiting = outbox.batchesAwaitingWindow();
        if (waiting.isEmpty()) {
            return;
        }
        batches.activeAccounts(waiting).forEach((batchId, accountId) -> {
            // One batch that cannot be refilled now must not stop the others'.
            try {
                int published = outbox.refillWindow(batchId, rates.window(accountId));
                if (published > 0) {
                    log.debug("Published {} more messages of batch {}", published, batchId);
                }
            } catch (RuntimeException e) {
                log.warn("Could not refill the window of batch {}: {}", batchId, e.toString());
            }
        });
    }
}

package io.graphmail.gateway.batches;

import io.graphmail.gateway.mail.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
 *
 * <p>{@code graphmail_batches_window_refills_total{result}} counts refills that published messages and refills that
 * failed (the broker or MongoDB refused them); {@code GraphmailBatchWindowsNotRefilling} fires when refills fail and
 * none succeeds, as held-back messages then wait however free their accounts are.
 */
@Component
class RefillingBatchWindows {

    private static final Logger log = LoggerFactory.getLogger(RefillingBatchWindows.class);

    private final Outbox outbox;
    private final Batches batches;
    private final AccountRates rates;
    private final Counter published;
    private final Counter failed;

    RefillingBatchWindows(Outbox outbox, Batches batches, AccountRates rates, MeterRegistry meters) {
        this.outbox = outbox;
        this.batches = batches;
        this.rates = rates;
        this.published = refills(meters, "published");
        this.failed = refills(meters, "failed");
    }

    private static Counter refills(MeterRegistry meters, String result) {
        return Counter.builder("graphmail.batches.window.refills")
                .description("Refills of batch windows: those that published messages, and those that failed")
                .tag("result", result)
                .register(meters);
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
                int count = outbox.refillWindow(batchId, rates.window(accountId));
                if (count > 0) {
                    published.increment();
                    log.debug("Published {} more messages of batch {}", count, batchId);
                }
            } catch (RuntimeException e) {
                failed.increment();
                log.warn(
                        "Could not refill the window of batch {}; its claimed messages are left to the outbox sweeper: {}",
                        batchId,
                        e.toString());
            }
        });
    }
}

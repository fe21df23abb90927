package io.graphmail.gateway.batches;

import java.time.Clock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Withdraws batches left SUBMITTING by a gateway that stopped while submitting them. Their client got no 202, so
 * nothing of them was accepted: they are withdrawn like a batch whose submission failed, and workers drop what the
 * broker already has of them. Submissions take seconds; {@code abandoned-after} is far longer.
 */
@Component
class WithdrawingAbandonedBatches {

    private static final Logger log = LoggerFactory.getLogger(WithdrawingAbandonedBatches.class);

    private final Batches batches;
    private final Clock clock;
    private final BatchProperties properties;

    WithdrawingAbandonedBatches(Batches batches, Clock clock, BatchProperties properties) {
        this.batches = batches;
        this.clock = clock;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${graphmail.gateway.batches.abandoned-check-interval:1m}")
    @SchedulerLock(name = "abandoned-batches", lockAtMostFor = "5m")
    void withdrawAbandoned() {
        for (String id : batches.submittingSince(clock.instant().minus(properties.abandonedAfter()), 100)) {
            batches.withdraw(id, clock.instant());
            log.warn("Withdrew batch {}: its submission was abandoned", id);
        }
    }
}

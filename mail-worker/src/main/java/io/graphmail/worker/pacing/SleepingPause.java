package io.graphmail.worker.pacing;

import java.time.Duration;
import org.springframework.stereotype.Component;

/** The consumer's thread sleeps. */
@Component
class SleepingPause implements Pause {

    @Override
    public boolean waited(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

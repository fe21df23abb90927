package io.graphmail.worker.pacing;

import java.time.Duration;

/** Waits a moment in-process for a turn ({@link TurnWait}); tests move a clock instead. */
@FunctionalInterface
interface Pause {

    /** Whether it waited {@code wait}: not if interrupted (the worker is stopping). */
    boolean waited(Duration wait);
}

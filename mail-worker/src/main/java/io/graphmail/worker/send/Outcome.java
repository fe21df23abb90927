package io.graphmail.worker.send;

import java.time.Duration;

/** What the messaging edge must do with a command once the use case is done with it. */
sealed interface Outcome {

    /** Acknowledge: the command is finished, or another delivery of it is. */
    record Done() implements Outcome {}

    /** Put the command back on the queue after {@code delay}. */
    record RetryLater(Duration delay) implements Outcome {}

    /** Keep the command aside until its account can get tokens again. */
    record Park(String reason) implements Outcome {}

    /** Give up and move the command to the dead-letter queue. */
    record DeadLetter(String reason) implements Outcome {}

    static Outcome done() {
        return new Done();
    }
}

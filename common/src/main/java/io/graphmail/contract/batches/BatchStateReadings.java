package io.graphmail.contract.batches;

import java.time.Duration;

/**
 * How the gateway and the workers keep "nothing of a batch goes to Graph once its cancel or pause has answered"
 * without a MongoDB read per message. A worker acts on a batch's state as read by a request it sent at most
 * {@link #WORKER_ACTS_ON_READINGS_FOR} ago; the gateway answers a cancel or pause no sooner than
 * {@link #GATEWAY_ANSWERS_AFTER} after the new state was written. A reading a worker may still act on by then was
 * sent after the write, so it holds the new state. Each side measures its own duration on its own clock: the
 * machines' clocks need not agree.
 */
public final class BatchStateReadings {

    public static final Duration WORKER_ACTS_ON_READINGS_FOR = Duration.ofMillis(200);

    /** The workers' bound, and 100 ms for the moment between a worker's check and its Graph request leaving. */
    public static final Duration GATEWAY_ANSWERS_AFTER = Duration.ofMillis(300);

    private BatchStateReadings() {}
}

package io.graphmail.simulator.throttling;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Optional;

/**
 * One mailbox's requests in progress and sends of the last minute, checked against its limits, and the figures they
 * add up to. Times are milliseconds of a monotonic clock. Thread-safe.
 */
final class MailboxTraffic {

    static final long WINDOW_MILLIS = 60_000;

    private final Deque<Long> recentSends = new ArrayDeque<>();
    private int inProgress;
    private long requests;
    private long sends;
    private long throttled;
    private int maxConcurrentObserved;
    private int maxSendsInAnyMinute;

    /**
     * Lets a request in, or says why it is throttled. Every request let in must be {@link #finished() finished}.
     *
     * @param send whether the request sends a message
     */
    synchronized Optional<Throttled> admit(MailboxLimits limits, boolean send, long nowMillis) {
        requests++;
        forgetSendsOlderThanAMinute(nowMillis);
        Optional<Throttled> refusal = refusal(limits, send, nowMillis);
        if (refusal.isPresent()) {
            throttled++;
            return refusal;
        }
        inProgress++;
        maxConcurrentObserved = Math.max(maxConcurrentObserved, inProgress);
        if (send) {
            sends++;
            recentSends.addLast(nowMillis);
            maxSendsInAnyMinute = Math.max(maxSendsInAnyMinute, recentSends.size());
        }
        return Optional.empty();
    }

    synchronized void finished() {
        inProgress--;
    }

    synchronized MailboxStats stats() {
        return new MailboxStats(requests, sends, throttled, maxConcurrentObserved, maxSendsInAnyMinute);
    }

    private Optional<Throttled> refusal(MailboxLimits limits, boolean send, long nowMillis) {
        Integer maxConcurrent = limits.maxConcurrent();
        if (maxConcurrent != null && inProgress >= maxConcurrent) {
            return Optional.of(Throttled.concurrency());
        }
        Integer perMinute = limits.messagesPerMinute();
        if (send && perMinute != null && recentSends.size() >= perMinute) {
            return Optional.of(Throttled.sending(perMinute, secondsUntilASendIsFree(perMinute, nowMillis)));
        }
        return Optional.empty();
    }

    /** Until enough sends have left the window that one more fits: usually until the oldest leaves. */
    private long secondsUntilASendIsFree(int perMinute, long nowMillis) {
        Iterator<Long> sent = recentSends.iterator();
        for (int leaving = recentSends.size() - perMinute; leaving > 0; leaving--) {
            sent.next();
        }
        long millis = sent.next() + WINDOW_MILLIS - nowMillis;
        return Math.max(1, (millis + 999) / 1000);
    }

    private void forgetSendsOlderThanAMinute(long nowMillis) {
        while (!recentSends.isEmpty() && recentSends.peekFirst() <= nowMillis - WINDOW_MILLIS) {
            recentSends.removeFirst();
        }
    }
}

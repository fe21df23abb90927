package io.graphmail.simulator.throttling;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One app's traffic to one mailbox: requests in progress, requests and uploaded bytes of the sliding windows, sends of
 * the last minute, checked against the limits, and the figures they add up to. Times are milliseconds of a monotonic
 * clock. Thread-safe.
 *
 * <p>Requests are named ({@code METHOD path}) so that the last one turned away for concurrency can be shown with the
 * requests that were in progress then: a client whose own count of its requests in progress is wrong needs that to
 * find out which of its requests it did not count.
 */
final class MailboxTraffic {

    static final long WINDOW_MILLIS = 60_000;

    /** The name of a request whose caller gives none. */
    static final String UNNAMED = "request";

    private record Started(String request, long atMillis) {}

    private final Deque<Long> recentSends = new ArrayDeque<>();
    private final Deque<Long> recentRequests = new ArrayDeque<>();
    private final Deque<long[]> recentUploads = new ArrayDeque<>();
    private final Deque<Started> inProgressRequests = new ArrayDeque<>();
    private String lastConcurrencyRefusal;
    private long uploadBytesInWindow;
    private int inProgress;
    private long requests;
    private long sends;
    private long throttled;
    private int maxConcurrentObserved;
    private int maxSendsInAnyMinute;
    private long uploadedBytes;

    /** As {@link #admit(MailboxLimits, WindowLimits, boolean, long, long, String)} without window limits or uploads. */
    synchronized Optional<Throttled> admit(MailboxLimits limits, boolean send, long nowMillis) {
        return admit(limits, WindowLimits.NONE, send, 0, nowMillis, UNNAMED);
    }

    /** As {@link #admit(MailboxLimits, WindowLimits, boolean, long, long, String)} for an unnamed request. */
    synchronized Optional<Throttled> admit(
            MailboxLimits limits, WindowLimits windows, boolean send, long uploadBytes, long nowMillis) {
        return admit(limits, windows, send, uploadBytes, nowMillis, UNNAMED);
    }

    /**
     * Lets a request in, or says why it is throttled. Every request let in must be {@link #finished(String)
     * finished}.
     *
     * @param send whether the request sends a message
     * @param uploadBytes the bytes its body uploads (PATCH, POST, PUT)
     * @param request what the request is ({@code METHOD path})
     */
    synchronized Optional<Throttled> admit(
            MailboxLimits limits,
            WindowLimits windows,
            boolean send,
            long uploadBytes,
            long nowMillis,
            String request) {
        requests++;
        forgetOldTraffic(windows, nowMillis);
        Optional<Throttled> refusal = refusal(limits, windows, send, uploadBytes, nowMillis);
        if (refusal.isPresent()) {
            throttled++;
            if (refusal.get().isOverConcurrency()) {
                lastConcurrencyRefusal = describeRefusal(request, nowMillis);
            }
            return refusal;
        }
        inProgress++;
        inProgressRequests.addLast(new Started(request, nowMillis));
        maxConcurrentObserved = Math.max(maxConcurrentObserved, inProgress);
        recentRequests.addLast(nowMillis);
        if (uploadBytes > 0) {
            recentUploads.addLast(new long[] {nowMillis, uploadBytes});
            uploadBytesInWindow += uploadBytes;
            uploadedBytes += uploadBytes;
        }
        if (send) {
            sends++;
            recentSends.addLast(nowMillis);
            maxSendsInAnyMinute = Math.max(maxSendsInAnyMinute, recentSends.size());
        }
        return Optional.empty();
    }

    /** An unnamed request let in is over. */
    synchronized void finished() {
        finished(UNNAMED);
    }

    /** A request let in as {@code request} is over. */
    synchronized void finished(String request) {
        inProgress--;
        Iterator<Started> started = inProgressRequests.iterator();
        while (started.hasNext()) {
            if (started.next().request().equals(request)) {
                started.remove();
                return;
            }
        }
    }

    synchronized MailboxStats stats() {
        return new MailboxStats(
                requests,
                sends,
                throttled,
                maxConcurrentObserved,
                maxSendsInAnyMinute,
                uploadedBytes,
                lastConcurrencyRefusal);
    }

    private String describeRefusal(String request, long nowMillis) {
        List<String> running = inProgressRequests.stream()
                .map(started -> started.request() + " (for " + (nowMillis - started.atMillis()) + " ms)")
                .toList();
        return request + " while in progress: " + running.stream().collect(Collectors.joining(", "));
    }

    private Optional<Throttled> refusal(
            MailboxLimits limits, WindowLimits windows, boolean send, long uploadBytes, long nowMillis) {
        Integer maxConcurrent = limits.maxConcurrent();
        if (maxConcurrent != null && inProgress >= maxConcurrent) {
            return Optional.of(Throttled.concurrency());
        }
        if (windows.requests() > 0 && recentRequests.size() >= windows.requests()) {
            long freeAt =
                    nth(recentRequests, recentRequests.size() - windows.requests()) + windows.requestWindowMillis();
            return Optional.of(Throttled.requests(windows.requests(), Throttled.seconds(freeAt - nowMillis)));
        }
        if (windows.uploadBytes() > 0 && uploadBytes > 0 && uploadBytesInWindow + uploadBytes > windows.uploadBytes()) {
            return Optional.of(Throttled.uploads(
                    windows.uploadBytes(), Throttled.seconds(uploadRoomAt(windows, uploadBytes) - nowMillis)));
        }
        return Optional.empty();
    }

    /** When enough uploads have left the window that {@code bytes} more fit (never, if they alone are too many). */
    private long uploadRoomAt(WindowLimits windows, long bytes) {
        long remaining = uploadBytesInWindow;
        for (long[] upload : recentUploads) {
            remaining -= upload[1];
            if (remaining + bytes <= windows.uploadBytes()) {
                return upload[0] + windows.uploadWindowMillis();
            }
        }
        return recentUploads.isEmpty() ? 0 : recentUploads.peekLast()[0] + windows.uploadWindowMillis();
    }

    /** The {@code index}th oldest entry: the one whose leaving makes room for one more. */
    private static long nth(Deque<Long> times, int index) {
        Iterator<Long> time = times.iterator();
        for (int skipped = 0; skipped < index; skipped++) {
            time.next();
        }
        return time.next();
    }

    private void forgetOldTraffic(WindowLimits windows, long nowMillis) {
        forgetOlderThan(recentSends, nowMillis - WINDOW_MILLIS);
        forgetOlderThan(recentRequests, nowMillis - (windows.requests() > 0 ? windows.requestWindowMillis() : 0));
        long uploadsFrom = nowMillis - (windows.uploadBytes() > 0 ? windows.uploadWindowMillis() : 0);
        while (!recentUploads.isEmpty() && recentUploads.peekFirst()[0] <= uploadsFrom) {
            uploadBytesInWindow -= recentUploads.removeFirst()[1];
        }
    }

    private static void forgetOlderThan(Deque<Long> times, long oldest) {
        while (!times.isEmpty() && times.peekFirst() <= oldest) {
            times.removeFirst();
        }
    }
}

package io.graphmail.worker.graph;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InterruptedIOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a read ({@code GET}, {@code HEAD}) again at once, on a new connection, when its connection failed before any
 * answer came: typically a pooled keep-alive connection that Graph's front door or a proxy had closed while it was idle
 * ({@code EOFException: unexpected end of stream}, connection reset). RFC 9110 (section 9.2.2) lets a client repeat an
 * idempotent request automatically after such a failure; a read changes nothing at Graph, so at worst it is answered
 * twice.
 *
 * <p>Every other method goes through untouched and its failure reaches the caller: the Graph client is built with
 * {@code retryOnConnectionFailure(false)} so that a draft, a send, an upload session or a {@code PATCH} whose
 * connection dropped is never repeated behind the send's exactly-once logic. Timeouts are not repeated either: the
 * call's time is spent, and a page that took too long is the sync's to shrink.
 *
 * <p>OkHttp lets an application interceptor call {@code proceed} more than once; this one sits last among them, so the
 * SDK's own handlers see one request and one answer.
 */
final class RetryingDroppedReads implements Interceptor {

    /** Repeats of one read after dropped connections; a third drop in a row is no stale connection any more. */
    static final int MAX_REPEATS = 2;

    private static final Logger log = LoggerFactory.getLogger(RetryingDroppedReads.class);

    private final Counter repeated;

    RetryingDroppedReads(MeterRegistry meterRegistry) {
        this.repeated = Counter.builder("graphmail.graph.reads.repeated")
                .description("Graph reads sent again because their connection closed before an answer came")
                .register(meterRegistry);
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (!isRead(request)) {
            return chain.proceed(request);
        }
        for (int repeats = 0; ; repeats++) {
            try {
                return chain.proceed(request);
            } catch (IOException e) {
                if (repeats == MAX_REPEATS
                        || !isDroppedConnection(e)
                        || chain.call().isCanceled()) {
                    throw e;
                }
                // The path names the mailbox and message only; the query (delta and skip tokens) stays out of logs.
                log.info(
                        "{} {} lost its connection ({}); sending it again",
                        request.method(),
                        request.url().encodedPath(),
                        e.getClass().getSimpleName());
                repeated.increment();
            }
        }
    }

    static boolean isRead(Request request) {
        return request.method().equals("GET") || request.method().equals("HEAD");
    }

    /** A read or call timeout is an {@link InterruptedIOException}; everything else means no answer came. */
    private static boolean isDroppedConnection(IOException e) {
        return !(e instanceof InterruptedIOException);
    }
}

package io.graphmail.platform.messaging;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;

/**
 * The trace context of the span current on this thread, as the headers (W3C {@code traceparent}, ...) a message
 * published within it carries, so that its consumer continues the trace.
 */
public final class CurrentTrace {

    private static final CurrentTrace NONE = new CurrentTrace(Tracer.NOOP, Propagator.NOOP);

    private final Tracer tracer;
    private final Propagator propagator;

    public CurrentTrace(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** No tracing: no headers. */
    public static CurrentTrace none() {
        return NONE;
    }

    /** The current span's trace context as headers; none when no span is current. */
    public Map<String, String> headers() {
        var context = tracer.currentTraceContext().context();
        if (context == null) {
            return Map.of();
        }
        var headers = new HashMap<String, String>();
        propagator.inject(context, headers, Map::put);
        return headers;
    }
}

package io.graphmail.platform.logging;

import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The correlation id of the work in progress on this thread: the id of the request that caused it, kept in the
 * logging context (MDC) under {@value #MDC_KEY} so that every log line carries it, and sent on with every message
 * published meanwhile.
 */
public final class CorrelationId {

    public static final String MDC_KEY = "correlationId";

    /** What an id taken from outside may look like: short, and nothing that could forge a log line. */
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private CorrelationId() {}

    /** The current correlation id, or {@code null}. */
    public static String current() {
        return MDC.get(MDC_KEY);
    }

    /** {@code candidate} if it is an acceptable id, otherwise a new one. */
    public static String acceptOrCreate(Object candidate) {
        return candidate instanceof String id && ACCEPTABLE.matcher(id).matches()
                ? id
                : UUID.randomUUID().toString();
    }

    /**
     * Makes {@code id} current ({@code null}: none) until the returned scope is closed, which brings back the one
     * before.
     */
    public static Scope open(String id) {
        String previous = MDC.get(MDC_KEY);
        set(id);
        return () -> set(previous);
    }

    private static void set(String id) {
        if (id == null) {
            MDC.remove(MDC_KEY);
        } else {
            MDC.put(MDC_KEY, id);
        }
    }

    /** The time a correlation id is current; closing it ends that. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {

        @Override
        void close();
    }
}

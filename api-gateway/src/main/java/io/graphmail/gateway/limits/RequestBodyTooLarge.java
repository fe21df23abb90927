package io.graphmail.gateway.limits;

import java.io.IOException;
import java.util.OptionalLong;

/** Thrown while reading a request body that goes past its limit; answered with 413. */
public final class RequestBodyTooLarge extends IOException {

    private final long maxBytes;

    public RequestBodyTooLarge(long maxBytes) {
        super("request body over " + maxBytes + " bytes");
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** The limit that was passed, if {@code failure} or one of its causes is this exception. */
    public static OptionalLong in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyTooLarge tooLarge) {
                return OptionalLong.of(tooLarge.maxBytes);
            }
        }
        return OptionalLong.empty();
    }
}

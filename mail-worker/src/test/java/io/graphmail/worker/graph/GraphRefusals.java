package io.graphmail.worker.graph;

import java.time.Duration;

/** Graph's refusals as the adapter reports them, for tests of what uses it. */
public final class GraphRefusals {

    private GraphRefusals() {}

    /** @param status 0 for no answer at all */
    public static GraphCallFailed refused(int status, String code, Duration retryAfter) {
        return new GraphCallFailed(status, code, retryAfter, null, null);
    }
}

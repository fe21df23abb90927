package io.graphmail.worker.graph;

/** Graph's refusals as the Graph adapter reports them, for in-memory mailboxes of other packages' tests. */
public final class GraphFailures {

    private GraphFailures() {}

    public static GraphCallFailed answered(int status, String code) {
        return new GraphCallFailed(status, code, null, null, null);
    }
}

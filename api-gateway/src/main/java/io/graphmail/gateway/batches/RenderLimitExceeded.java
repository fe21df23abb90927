package io.graphmail.gateway.batches;

/**
 * A template rendered past a limit: one message's {@code field}, or the whole batch ({@code batchWide}), after
 * which nothing more of it is rendered.
 */
final class RenderLimitExceeded extends RuntimeException {

    private final String field;
    private final boolean batchWide;

    RenderLimitExceeded(String field, boolean batchWide, String message) {
        super(message, null, false, false);
        this.field = field;
        this.batchWide = batchWide;
    }

    String field() {
        return field;
    }

    boolean batchWide() {
        return batchWide;
    }
}

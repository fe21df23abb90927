package io.graphmail.gateway.templates;

/**
 * A template rendered past a limit: one message's {@code field}, or the whole batch ({@code batchWide}), after
 * which nothing more of it is rendered.
 */
public final class RenderLimitExceeded extends RuntimeException {

    private final String field;
    private final boolean batchWide;

    RenderLimitExceeded(String field, boolean batchWide, String message) {
        super(message, null, false, false);
        this.field = field;
        this.batchWide = batchWide;
    }

    public String field() {
        return field;
    }

    public boolean batchWide() {
        return batchWide;
    }
}

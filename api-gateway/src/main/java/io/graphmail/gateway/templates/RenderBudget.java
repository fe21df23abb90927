package io.graphmail.gateway.templates;

import java.io.Writer;
import java.util.Iterator;

/**
 * What is left for one batch's templates to render: section repeats and characters. Counted while rendering, so a
 * template that would expand without bound stops at the limit instead of filling the heap. Used by one thread.
 */
final class RenderBudget {

    private final TemplateLimits limits;
    private long repeatsLeft;
    private long charsLeft;

    RenderBudget(TemplateLimits limits) {
        this.limits = limits;
        this.repeatsLeft = limits.maxSectionRepeats();
        this.charsLeft = limits.maxRenderedPerBatch().toBytes();
    }

    /** The elements of a section's list, each one counted as it is rendered. */
    Iterator<?> counted(Iterator<?> elements) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return elements.hasNext();
            }

            @Override
            public Object next() {
                if (--repeatsLeft < 0) {
                    throw new RenderLimitExceeded(
                            "template",
                            true,
                            "sections may repeat at most " + limits.maxSectionRepeats() + " times over the batch");
                }
                return elements.next();
            }
        };
    }

    /** Collects one field's output; past {@code maxChars}, or past what is left for the batch, it throws. */
    Output output(String field, int maxChars) {
        return new Output(field, maxChars);
    }

    final class Output extends Writer {

        private final String field;
        private final int maxChars;
        private final StringBuilder text = new StringBuilder();

        private Output(String field, int maxChars) {
            this.field = field;
            this.maxChars = maxChars;
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            take(length);
            text.append(chars, offset, length);
        }

        @Override
        public void write(String chars, int offset, int length) {
            take(length);
            text.append(chars, offset, offset + length);
        }

        private void take(int length) {
            charsLeft -= length;
            if (charsLeft < 0) {
                throw new RenderLimitExceeded(
                        "recipients",
                        true,
                        "the batch may render to at most "
                                + limits.maxRenderedPerBatch().toBytes() + " characters");
            }
            if (text.length() + (long) length > maxChars) {
                throw new RenderLimitExceeded(field, false, "renders to more than " + maxChars + " characters");
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}

        @Override
        public String toString() {
            return text.toString();
        }
    }
}

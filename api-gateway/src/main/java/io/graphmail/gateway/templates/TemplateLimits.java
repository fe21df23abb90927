package io.graphmail.gateway.templates;

import io.graphmail.gateway.send.SendLimits;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How much work a batch template may cause. Each message it renders also obeys the single-send limits (a subject of
 * 255 characters, a body of {@value SendLimits#MAX_BODY_CHARS}).
 *
 * @param maxSectionDepth how deep sections ({@code {{#list}}…{{/list}}}) may nest in one template
 * @param maxSectionRepeats how many times sections may repeat over the whole batch, every recipient together: a
 *     section over a list repeats once per element, so nested sections multiply
 * @param maxRenderedPerBatch characters the whole batch may render to (subjects and bodies)
 */
@Validated
@ConfigurationProperties("graphmail.gateway.limits.templates")
public record TemplateLimits(
        @Positive @DefaultValue("8") int maxSectionDepth,
        @Positive @DefaultValue("1000000") long maxSectionRepeats,
        @DefaultValue("32MB") DataSize maxRenderedPerBatch) {

    static final int MAX_SUBJECT_CHARS = 255;

    public static TemplateLimits defaults() {
        return new TemplateLimits(8, 1_000_000, DataSize.ofMegabytes(32));
    }
}

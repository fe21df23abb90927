package io.graphmail.gateway.attachments;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on files uploaded through {@code POST /api/v1/attachments}.
 *
 * @param maxBytes the largest file accepted; Graph's upload sessions take up to 150 MB per attachment
 * @param allowedContentTypes media types accepted, wildcards allowed ({@code image/*}); empty accepts any
 */
@Validated
@ConfigurationProperties("graphmail.attachments")
record AttachmentProperties(
        @NotNull @DefaultValue("150MB") DataSize maxBytes,
        @NotNull @DefaultValue List<@NotBlank String> allowedContentTypes) {

    AttachmentProperties {
        if (maxBytes != null && maxBytes.toBytes() <= 0) {
            throw new IllegalArgumentException("graphmail.attachments.max-bytes must be positive");
        }
        if (allowedContentTypes != null) {
            allowedContentTypes.forEach(MediaType::parseMediaType);
        }
    }

    boolean allows(MediaType contentType) {
        return allowedContentTypes.isEmpty()
                || allowedContentTypes.stream()
                        .map(MediaType::parseMediaType)
                        .anyMatch(allowed -> allowed.includes(contentType));
    }
}

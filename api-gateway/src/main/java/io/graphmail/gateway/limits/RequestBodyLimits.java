package io.graphmail.gateway.limits;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The largest request body each kind of request may have; larger ones are refused (413) before they are read
 * into memory. Multipart and raw uploads ({@code /api/v1/attachments}) have their own limits.
 *
 * @param singleSend {@code POST /api/v1/mail} and the original {@code POST /api/v1/emails/send}: room for a
 *     message at its largest (3 MB of inline attachments, Base64-encoded, and a 1M-character body that may be
 *     multi-byte or escaped in JSON)
 * @param batch {@code POST /api/v1/mail/batches}
 * @param other every other request with a body
 */
@Validated
@ConfigurationProperties("graphmail.gateway.limits.request-body")
public record RequestBodyLimits(
        @NotNull @DefaultValue("8MB") DataSize singleSend,
        @NotNull @DefaultValue("32MB") DataSize batch,
        @NotNull @DefaultValue("1MB") DataSize other) {

    static final String UPLOADS = "/api/v1/attachments";

    /** The limit for a request to {@code path} (decoded and normalised); {@code null} if it has its own. */
    DataSize forPath(String path) {
        if (path.equals(UPLOADS) || path.startsWith(UPLOADS + "/")) {
            return null;
        }
        return switch (path) {
            case "/api/v1/mail", "/api/v1/emails/send" -> singleSend;
            case "/api/v1/mail/batches" -> batch;
            default -> other;
        };
    }

    /** The largest body any request may have, for code that must hold one whole. */
    public long largest() {
        return Math.max(singleSend.toBytes(), Math.max(batch.toBytes(), other.toBytes()));
    }
}

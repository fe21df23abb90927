package io.graphmail.gateway.mail;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** What the API shows of a submitted message. */
@Schema(description = "A submitted message and where it stands")
public record MailView(
        UUID id,
        MailStatus status,

        @Schema(description = "Calls made to Microsoft Graph so far")
        int attempts,

        @Schema(description = "Graph's error code or the reason of the last failure")
        String lastError,

        Instant acceptedAt,
        Instant sentAt,

        @Schema(description = "Present when the message bounced: recipient, status code, diagnostic, permanent")
        MailRecord.Bounce bounce) {

    public static MailView of(MailRecord record) {
        return new MailView(
                UUID.fromString(record.id()),
                record.status(),
                record.attempts(),
                record.lastError(),
                record.acceptedAt(),
                record.sentAt(),
                record.bounce());
    }
}

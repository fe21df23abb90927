package io.graphmail.gateway.send;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** What the API shows of a submitted message. */
@Schema(description = "A submitted message and where it stands")
record MailView(
        UUID id,
        MailStatus status,

        @Schema(description = "Calls made to Microsoft Graph so far")
        int attempts,

        @Schema(description = "Graph's error code or the reason of the last failure")
        String lastError,

        Instant acceptedAt,
        Instant sentAt) {

    static MailView of(MailRecord record) {
        return new MailView(
                UUID.fromString(record.id()),
                record.status(),
                record.attempts(),
                record.lastError(),
                record.acceptedAt(),
                record.sentAt());
    }
}

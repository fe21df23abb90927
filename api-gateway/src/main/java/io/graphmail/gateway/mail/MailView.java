package io.graphmail.gateway.mail;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** What the API shows of a submitted message. */
@Schema(description = "A submitted message and where it stands")
public record MailView(
        UUID id,

        @Schema(
                description = "SCHEDULED, ACCEPTED, SENDING, then one final status: SENT (BOUNCED if a non-delivery"
                        + " report comes back later), FAILED, DEAD_LETTERED, CANCELLED (with its batch), or"
                        + " SUPPRESSED: a batch item not sent because a recipient is on the client's suppression"
                        + " list (lastError names them)")
        MailStatus status,

        @Schema(description = "Calls made to Microsoft Graph so far")
        int attempts,

        @Schema(
                description =
                        "Why the message failed, waits (BATCH_PAUSED, PACED: … until its slot, AWAITING_CONSENT: …) or was not sent"
                                + " (SUPPRESSED: on the suppression list: to[0] …); absent once it is SENT",
                nullable = true)
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

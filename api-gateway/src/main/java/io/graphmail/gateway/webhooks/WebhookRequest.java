package io.graphmail.gateway.webhooks;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * An endpoint to register.
 *
 * @param url where events are posted ({@code https}; no internal addresses)
 * @param events the event types to receive, or {@code ["*"]} for all
 * @param enabled whether it receives events now (default true)
 */
record WebhookRequest(
        @NotBlank @Size(max = 2048) String url,

        @Schema(
                description = "Event types to receive, or [\"*\"] for all: mail.sent, mail.failed,"
                        + " mail.dead_lettered, mail.bounced, batch.completed, account.activated,"
                        + " account.reauth_required, message.received")
        @NotEmpty
        @Size(max = 20)
        List<@NotBlank String> events,

        Boolean enabled) {}

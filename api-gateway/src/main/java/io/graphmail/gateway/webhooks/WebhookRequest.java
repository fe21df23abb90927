package io.graphmail.gateway.webhooks;

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
        @NotEmpty @Size(max = 20) List<@NotBlank String> events,
        Boolean enabled) {}

package io.graphmail.gateway.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.graphmail.gateway.webhooks.endpoints.Webhook;
import java.time.Instant;
import java.util.List;

/**
 * An endpoint as its client sees it.
 *
 * @param secret the signing secret: only in the answer that created or rotated it, never again
 * @param disabledReason why graphmail disabled it ({@code GONE}: it answered 410; {@code FAILING}: it failed too long)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record WebhookView(
        String id,
        String url,
        List<String> events,
        boolean enabled,
        String disabledReason,
        Instant failingSince,
        Instant createdAt,
        String secret) {

    static WebhookView of(Webhook webhook, String secret) {
        return new WebhookView(
                webhook.id(),
                webhook.url(),
                webhook.events(),
                webhook.enabled(),
                webhook.disabledReason(),
                webhook.failingSince(),
                webhook.createdAt(),
                secret);
    }
}

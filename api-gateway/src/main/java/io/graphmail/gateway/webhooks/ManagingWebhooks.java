package io.graphmail.gateway.webhooks;

import io.graphmail.gateway.security.ApiClient;
import io.graphmail.gateway.webhooks.endpoints.SecretBox;
import io.graphmail.gateway.webhooks.endpoints.Webhook;
import io.graphmail.gateway.webhooks.endpoints.WebhookProperties;
import io.graphmail.gateway.webhooks.endpoints.Webhooks;
import io.graphmail.gateway.webhooks.events.WebhookEvents;
import io.graphmail.gateway.webhooks.targets.Targets;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Registers, changes and removes a client's endpoints, and rotates their secrets. */
@Component
class ManagingWebhooks {

    private final Webhooks webhooks;
    private final SecretBox secrets;
    private final Targets targets;
    private final WebhookProperties properties;
    private final Clock clock;

    ManagingWebhooks(Webhooks webhooks, SecretBox secrets, Targets targets, WebhookProperties properties, Clock clock) {
        this.webhooks = webhooks;
        this.secrets = secrets;
        this.targets = targets;
        this.properties = properties;
        this.clock = clock;
    }

    WebhookView register(WebhookRequest request, ApiClient client) {
        String url = checkedUrl(request.url());
        List<String> events = checkedEvents(request.events());
        String id = "ep_" + UUID.randomUUID().toString().replace("-", "");
        String secret = secrets.newSecret();
        var webhook = new Webhook(
                id,
                client.id(),
                client.isAdmin(),
                client.accounts(),
                url,
                events,
                request.enabled() == null || request.enabled(),
                List.of(new Webhook.Secret(secrets.seal(id, secret), null)),
                clock.instant(),
                null,
                null);
        webhooks.save(webhook);
        return WebhookView.of(webhook, secret);
    }

    /** @throws org.springframework.web.ErrorResponseException 404 if the client has no such endpoint */
    Webhook find(String id, ApiClient client) {
        return webhooks.find(id)
                .filter(webhook -> client.owns(webhook.client()))
                .orElseThrow(() -> WebhookProblems.notFound("webhook", id));
    }

    WebhookView change(String id, WebhookChange change, ApiClient client) {
        Webhook webhook = find(id, client);
        boolean enabling = Boolean.TRUE.equals(change.enabled()) && !webhook.enabled();
        var changed = new Webhook(
                webhook.id(),
                webhook.client(),
                webhook.client().equals(client.id()) ? client.isAdmin() : webhook.admin(),
                webhook.client().equals(client.id()) ? client.accounts() : webhook.accounts(),
                change.url() == null ? webhook.url() : checkedUrl(change.url()),
                change.events() == null ? webhook.events() : checkedEvents(change.events()),
                change.enabled() == null ? webhook.enabled() : change.enabled(),
                webhook.secrets(),
                webhook.createdAt(),
                enabling ? null : webhook.failingSince(),
                enabling ? null : webhook.disabledReason());
        webhooks.save(changed);
        return WebhookView.of(changed, null);
    }

    void remove(String id, ApiClient client) {
        webhooks.delete(find(id, client).id());
    }

    /** A new secret signs from now on; the current one signs beside it until the overlap ends. */
    WebhookView rotate(String id, ApiClient client) {
        Webhook webhook = find(id, client);
        var now = clock.instant();
        String secret = secrets.newSecret();
        var kept = new ArrayList<Webhook.Secret>();
        kept.add(new Webhook.Secret(secrets.seal(id, secret), null));
        webhook.signingAt(now).stream()
                .map(old -> new Webhook.Secret(
                        old.sealed(), old.expiresAt() == null ? now.plus(properties.secretOverlap()) : old.expiresAt()))
                .forEach(kept::add);
        var rotated = new Webhook(
                webhook.id(),
                webhook.client(),
                webhook.admin(),
                webhook.accounts(),
                webhook.url(),
                webhook.events(),
                webhook.enabled(),
                List.copyOf(kept),
                webhook.createdAt(),
                webhook.failingSince(),
                webhook.disabledReason());
        webhooks.save(rotated);
        return WebhookView.of(rotated, secret);
    }

    private String checkedUrl(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw WebhookProblems.invalid("url", "not a URL");
        }
        try {
            targets.requireAllowed(uri);
        } catch (Targets.TargetRefused refused) {
            throw WebhookProblems.invalid("url", refused.getMessage());
        }
        return uri.toString();
    }

    /** @throws org.springframework.web.ErrorResponseException 400 naming the first unknown type by its index */
    private static List<String> checkedEvents(List<String> events) {
        for (int i = 0; i < events.size(); i++) {
            String event = events.get(i);
            if (!Webhook.ALL_EVENTS.equals(event) && !WebhookEvents.TYPES.contains(event)) {
                throw WebhookProblems.validation(
                        "events[" + i + "]",
                        "unknown event type " + event + "; known: " + new TreeSet<>(WebhookEvents.TYPES));
            }
        }
        return List.copyOf(new LinkedHashSet<>(events));
    }
}

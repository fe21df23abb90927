package io.graphmail.gateway.webhooks.endpoints;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A client's webhook endpoint. Written by the gateway only.
 *
 * @param client the API client that registered it; it receives events about this client's objects only
 * @param admin whether that client was an admin at registration: it then receives every client's events
 * @param accounts the accounts that client could use besides its own at registration (refreshed on each change)
 * @param events the event types it receives; {@code *} for all
 * @param secrets its signing secrets, sealed; the newest first, an older one only until its {@code expiresAt}
 * @param failingSince when its deliveries started failing without a success since; {@code null} while healthy
 * @param disabledReason why graphmail disabled it; {@code null} if it was never disabled or a person enabled it
 */
@Document("webhooks")
public record Webhook(
        @Id String id,
        @Indexed String client,
        boolean admin,
        Set<String> accounts,
        String url,
        List<String> events,
        boolean enabled,
        List<Secret> secrets,
        Instant createdAt,
        Instant failingSince,
        String disabledReason) {

    public static final String ALL_EVENTS = "*";

    public boolean wants(String type) {
        return enabled && (events.contains(ALL_EVENTS) || events.contains(type));
    }

    /** The secrets that sign at {@code now}. */
    public List<Secret> signingAt(Instant now) {
        return secrets.stream()
                .filter(secret ->
                        secret.expiresAt() == null || secret.expiresAt().isAfter(now))
                .toList();
    }

    /** A signing secret, AES-GCM sealed under the endpoint's id. */
    public record Secret(String sealed, Instant expiresAt) {}
}

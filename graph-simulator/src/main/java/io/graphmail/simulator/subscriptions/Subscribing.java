package io.graphmail.simulator.subscriptions;

import io.graphmail.simulator.identity.tokens.TokenGrant;
import io.graphmail.simulator.web.GraphErrorException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Creates, renews and deletes an app's subscriptions to Outlook messages as Graph's subscription pages describe. */
@Component
class Subscribing {

    /** The permissions the create subscription page's table names for messages, and what includes them. */
    static final Set<String> READ_MAIL = Set.of("mail.readbasic", "mail.readbasic.all", "mail.read", "mail.readwrite");

    private static final Set<String> CHANGE_TYPES = Set.of("created", "updated", "deleted");
    private static final int MAX_CLIENT_STATE = 128;

    private final Subscriptions subscriptions;
    private final ValidationHandshake handshake;
    private final SubscriptionLimits limits;

    Subscribing(Subscriptions subscriptions, ValidationHandshake handshake, SubscriptionLimits limits) {
        this.subscriptions = subscriptions;
        this.handshake = handshake;
        this.limits = limits;
    }

    Subscription create(TokenGrant grant, SubscriptionRequest request) {
        String changeType = required(request.changeType(), "changeType");
        required(request.notificationUrl(), "notificationUrl");
        required(request.resource(), "resource");
        Set<String> changeTypes = changeTypes(changeType);
        if (request.clientState() != null && request.clientState().length() > MAX_CLIENT_STATE) {
            throw GraphErrorException.badRequest(
                    "InvalidRequest", "clientState must be at most " + MAX_CLIENT_STATE + " characters long.");
        }
        SubscribedResource watched = SubscribedResource.parse(request.resource(), grant.me());
        if (!grant.mayAccess(watched.mailbox()) || !grant.permitsAnyOf(READ_MAIL)) {
            throw new GraphErrorException(
                    HttpStatus.FORBIDDEN, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
        }
        Instant expiration = withinLimits(request.expirationDateTime());
        handshake.validate(request.notificationUrl());
        if (request.lifecycleNotificationUrl() != null) {
            handshake.validate(request.lifecycleNotificationUrl());
        }
        var subscription = new Subscription(
                UUID.randomUUID().toString(),
                request.resource(),
                watched,
                changeType,
                changeTypes,
                request.notificationUrl(),
                request.lifecycleNotificationUrl(),
                request.clientState(),
                expiration,
                ownerOf(grant),
                grant.kind() == TokenGrant.Kind.APPLICATION ? grant.clientId() : grant.mailbox(),
                grant.tenantId(),
                request.latestSupportedTlsVersion() == null ? "v1_2" : request.latestSupportedTlsVersion());
        subscriptions.save(subscription);
        return subscription;
    }

    Subscription renew(TokenGrant grant, String id, SubscriptionRequest request) {
        Subscription current = find(grant, id);
        Subscription renewed = current.renewedUntil(withinLimits(request.expirationDateTime()));
        subscriptions.save(renewed);
        return renewed;
    }

    void delete(TokenGrant grant, String id) {
        subscriptions.remove(find(grant, id).id());
    }

    Subscription find(TokenGrant grant, String id) {
        return subscriptions
                .find(id, ownerOf(grant))
                .orElseThrow(() ->
                        new GraphErrorException(HttpStatus.NOT_FOUND, "ResourceNotFound", "The object was not found."));
    }

    static String ownerOf(TokenGrant grant) {
        return grant.clientId() == null ? Subscription.STATIC_OWNER : grant.clientId();
    }

    private Instant withinLimits(Instant expiration) {
        Instant now = Instant.now();
        if (expiration == null) {
            throw GraphErrorException.badRequest("InvalidRequest", "expirationDateTime is required.");
        }
        if (!expiration.isAfter(now)) {
            throw GraphErrorException.badRequest("ExtensionError", "Subscription expiration must be in the future.");
        }
        Duration max = limits.limits().maxLifetime();
        if (expiration.isAfter(now.plus(max))) {
            throw GraphErrorException.badRequest(
                    "ExtensionError",
                    "Subscription expiration can only be " + max.toMinutes() + " minutes in the future.");
        }
        return expiration;
    }

    private static Set<String> changeTypes(String changeType) {
        Set<String> types = new LinkedHashSet<>();
        for (String type : changeType.split(",")) {
            String normalised = type.trim().toLowerCase(Locale.ROOT);
            if (!CHANGE_TYPES.contains(normalised)) {
                throw GraphErrorException.badRequest(
                        "InvalidRequest",
                        "changeType must be one or more of " + Arrays.toString(CHANGE_TYPES.toArray()) + ".");
            }
            types.add(normalised);
        }
        return Set.copyOf(types);
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw GraphErrorException.badRequest("InvalidRequest", name + " is required.");
        }
        return value;
    }
}

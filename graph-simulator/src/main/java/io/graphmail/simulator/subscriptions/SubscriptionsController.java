package io.graphmail.simulator.subscriptions;

import io.graphmail.simulator.auth.AuthenticatedGrant;
import io.graphmail.simulator.identity.TokenGrant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Graph's subscription endpoints, for Outlook messages; an app sees only the subscriptions it created. */
@RestController
@RequestMapping("/v1.0/subscriptions")
class SubscriptionsController {

    private static final String ENTITY = "https://graph.microsoft.com/v1.0/$metadata#subscriptions/$entity";
    private static final String COLLECTION = "https://graph.microsoft.com/v1.0/$metadata#subscriptions";

    private final Subscribing subscribing;
    private final Subscriptions subscriptions;

    SubscriptionsController(Subscribing subscribing, Subscriptions subscriptions) {
        this.subscribing = subscribing;
        this.subscriptions = subscriptions;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    SubscriptionJson create(
            @RequestAttribute(AuthenticatedGrant.ATTRIBUTE) TokenGrant grant,
            @RequestBody SubscriptionRequest request) {
        return SubscriptionJson.of(subscribing.create(grant, request), ENTITY);
    }

    @GetMapping
    Map<String, Object> list(@RequestAttribute(AuthenticatedGrant.ATTRIBUTE) TokenGrant grant) {
        List<SubscriptionJson> value = subscriptions.ownedBy(Subscribing.ownerOf(grant)).stream()
                .map(subscription -> SubscriptionJson.of(subscription, null))
                .toList();
        return Map.of("@odata.context", COLLECTION, "value", value);
    }

    @GetMapping("/{id}")
    SubscriptionJson get(@RequestAttribute(AuthenticatedGrant.ATTRIBUTE) TokenGrant grant, @PathVariable String id) {
        return SubscriptionJson.of(subscribing.find(grant, id), ENTITY);
    }

    /** Renews: only {@code expirationDateTime} is read. */
    @PatchMapping("/{id}")
    SubscriptionJson renew(
            @RequestAttribute(AuthenticatedGrant.ATTRIBUTE) TokenGrant grant,
            @PathVariable String id,
            @RequestBody SubscriptionRequest request) {
        return SubscriptionJson.of(subscribing.renew(grant, id, request), ENTITY);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@RequestAttribute(AuthenticatedGrant.ATTRIBUTE) TokenGrant grant, @PathVariable String id) {
        subscribing.delete(grant, id);
    }
}

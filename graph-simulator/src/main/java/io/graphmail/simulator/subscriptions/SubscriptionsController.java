package io.graphmail.simulator.subscriptions;

import io.graphmail.simulator.auth.AuthenticatedGrant;
import io.graphmail.simulator.identity.tokens.TokenGrant;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.LinkedHashMap;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Graph's subscription endpoints, for Outlook messages; an app sees only the subscriptions it created. */
@RestController
@RequestMapping("/v1.0/subscriptions")
class SubscriptionsController {

    private static final String ENTITY = "https://graph.microsoft.com/v1.0/$metadata#subscriptions/$entity";
    private static final String COLLECTION = "https://graph.microsoft.com/v1.0/$metadata#subscriptions";

    private final Subscribing subscribing;
    private final Subscriptions subscriptions;

    private final int pageSize;

    SubscriptionsController(Subscribing subscribing, Subscriptions subscriptions, SubscriptionProperties properties) {
        this.subscribing = subscribing;
        this.subscriptions = subscriptions;
        this.pageSize = properties.pageSize();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    SubscriptionJson create(
            @RequestAttribute(AuthenticatedGrant.ATTRIBUTE) TokenGrant grant,
            @RequestBody SubscriptionRequest request) {
        return SubscriptionJson.of(subscribing.create(grant, request), ENTITY);
    }

    /**
     * One page of the app's subscriptions, by id; {@code @odata.nextLink} when more follow. The skip token is the last
     * id of the page before, so renewals and deletions between pages neither skip nor repeat a subscription.
     */
    @GetMapping
    Map<String, Object> list(
            @RequestAttribute(AuthenticatedGrant.ATTRIBUTE) TokenGrant grant,
            @RequestParam(name = "$skiptoken", required = false) String after,
            HttpServletRequest request) {
        List<Subscription> remaining = subscriptions.ownedBy(Subscribing.ownerOf(grant)).stream()
                .filter(subscription -> after == null || subscription.id().compareTo(after) > 0)
                .sorted(Comparator.comparing(Subscription::id))
                .toList();
        List<Subscription> page = remaining.subList(0, Math.min(pageSize, remaining.size()));
        var body = new LinkedHashMap<String, Object>();
        body.put("@odata.context", COLLECTION);
        body.put(
                "value",
                page.stream()
                        .map(subscription -> SubscriptionJson.of(subscription, null))
                        .toList());
        if (remaining.size() > page.size()) {
            body.put(
                    "@odata.nextLink",
                    ServletUriComponentsBuilder.fromRequestUri(request)
                            .queryParam("$skiptoken", page.get(page.size() - 1).id())
                            .build()
                            .encode()
                            .toUriString());
        }
        return body;
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

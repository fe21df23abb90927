package io.graphmail.worker.graph;

import com.microsoft.graph.models.Subscription;
import io.graphmail.worker.accounts.AccountSettings;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Graph's change notification subscriptions to one folder's messages: created, renewed and deleted with the account's
 * token, each call timed and its failure classified like every other Graph call.
 */
@Component
public class GraphSubscriptions {

    private final GraphCalls calls;
    private final GraphClients clients;

    GraphSubscriptions(GraphCalls calls, GraphClients clients) {
        this.calls = calls;
        this.clients = clients;
    }

    /** A live subscription as Graph answered. */
    public record Created(String id, Instant expiresAt) {}

    /**
     * Subscribes to created, updated and deleted messages of the folder; Graph first validates {@code notificationUrl}
     * (and the lifecycle URL) and refuses the subscription when that fails.
     *
     * @throws GraphCallFailed when Graph refuses
     */
    public Created create(
            AccountSettings account, String folderId, URI notificationUrl, String clientState, Instant expiresAt) {
        var request = new Subscription();
        request.setChangeType("created,updated,deleted");
        request.setNotificationUrl(notificationUrl.toString());
        request.setLifecycleNotificationUrl(notificationUrl.toString());
        request.setResource(resource(account, folderId));
        request.setClientState(clientState);
        request.setExpirationDateTime(OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC));
        var created = calls.call(
                account,
                "createSubscription",
                () -> clients.forAccount(account.id()).subscriptions().post(request));
        return new Created(created.getId(), created.getExpirationDateTime().toInstant());
    }

    /** Moves the subscription's expiry; Graph answers 404 when it no longer exists. */
    public Instant renew(AccountSettings account, String subscriptionId, Instant expiresAt) {
        var request = new Subscription();
        request.setExpirationDateTime(OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC));
        var renewed = calls.call(
                account,
                "renewSubscription",
                () -> clients.forAccount(account.id())
                        .subscriptions()
                        .bySubscriptionId(subscriptionId)
                        .patch(request));
        return renewed.getExpirationDateTime().toInstant();
    }

    /**
     * Whether Graph still has the subscription: it may remove one at any time (a password reset, a revoked account, a
     * lost {@code subscriptionRemoved} notification), and then answers 404 for its id.
     *
     * @throws GraphCallFailed when Graph refuses for another reason
     */
    public boolean exists(AccountSettings account, String subscriptionId) {
        try {
            calls.call(
                    account,
                    "getSubscription",
                    () -> clients.forAccount(account.id())
                            .subscriptions()
                            .bySubscriptionId(subscriptionId)
                            .get());
            return true;
        } catch (GraphCallFailed failure) {
            if (failure.status() == 404) {
                return false;
            }
            throw failure;
        }
    }

    /** A subscription as Graph lists it. */
    public record Listed(String id, String resource, String notificationUrl) {}

    /**
     * The subscriptions of the folder's messages this app holds that notify {@code notificationUrl}, from every page of
     * the list (Graph lists all of an app's subscriptions, for every mailbox it subscribed to, and pages them with
     * {@code @odata.nextLink}; a folder has one or, after a worker died mid-call, a few).
     */
    public List<Listed> list(AccountSettings account, String folderId, URI notificationUrl) {
        String resource = resource(account, folderId);
        var subscriptions = clients.forAccount(account.id()).subscriptions();
        List<Listed> found = new ArrayList<>();
        var page = calls.call(account, "listSubscriptions", () -> subscriptions.get());
        while (page != null) {
            if (page.getValue() != null) {
                page.getValue().stream()
                        .filter(listed -> resource.equalsIgnoreCase(listed.getResource())
                                && notificationUrl.toString().equals(listed.getNotificationUrl()))
                        .map(listed -> new Listed(listed.getId(), listed.getResource(), listed.getNotificationUrl()))
                        .forEach(found::add);
            }
            String next = page.getOdataNextLink();
            page = next == null
                    ? null
                    : calls.call(
                            account,
                            "listSubscriptions",
                            () -> subscriptions.withUrl(next).get());
        }
        return found;
    }

    public void delete(AccountSettings account, String subscriptionId) {
        calls.call(
                account,
                "deleteSubscription",
                () -> clients.forAccount(account.id())
                        .subscriptions()
                        .bySubscriptionId(subscriptionId)
                        .delete());
    }

    private static String resource(AccountSettings account, String folderId) {
        String owner = account.isDelegated() ? "me" : "users/" + account.mailbox();
        return owner + "/mailFolders('" + folderId + "')/messages";
    }
}

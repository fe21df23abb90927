package io.graphmail.gateway.webhooks.events;

import io.graphmail.gateway.accounts.AccountStatus;
import io.graphmail.gateway.accounts.status.AccountStatusRecorded;
import io.graphmail.gateway.webhooks.delivery.EmittingEvents;
import io.graphmail.gateway.webhooks.delivery.WebhookEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import org.bson.Document;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code account.activated} and {@code account.reauth_required}, for the account's owner and every client that may
 * use the account.
 */
@Component
class AccountEventsToWebhooks {

    private final MongoTemplate mongo;
    private final EmittingEvents emitting;

    AccountEventsToWebhooks(MongoTemplate mongo, EmittingEvents emitting) {
        this.mongo = mongo;
        this.emitting = emitting;
    }

    @EventListener
    void on(AccountStatusRecorded recorded) {
        String type = switch (recorded.status()) {
            case ACTIVE -> WebhookEvents.ACCOUNT_ACTIVATED;
            case REAUTH_REQUIRED -> WebhookEvents.ACCOUNT_REAUTH_REQUIRED;
            default -> null;
        };
        if (type == null) {
            return;
        }
        Document account = mongo.getCollection("accounts")
                .find(new Document("_id", recorded.accountId()))
                .first();
        String owner = account == null ? null : account.getString("owner");
        var audience = emitting.audience(owner, recorded.accountId());
        if (audience.isEmpty()) {
            return;
        }
        Instant at = recorded.at() == null ? Instant.now() : recorded.at();
        var data = new LinkedHashMap<String, Object>();
        data.put("accountId", recorded.accountId());
        data.put("status", recorded.status().name());
        if (recorded.reason() != null && recorded.status() == AccountStatus.REAUTH_REQUIRED) {
            data.put("reason", recorded.reason());
        }
        String key = recorded.accountId() + ":" + at.toEpochMilli();
        emitting.emit(WebhookEvent.of(type, key, at, data), audience);
    }
}

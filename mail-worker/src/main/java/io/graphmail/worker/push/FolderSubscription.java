package io.graphmail.worker.push;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A synced folder's change notification subscription, one document per folder (its id is the account and folder, so
 * there is never a second). The gateway reads it to verify notifications; only workers write it.
 *
 * @param subscriptionId Graph's id of the live subscription; null while the folder is on polling
 * @param clientStateHash SHA-256 (hex) of the subscription's random client state; the state itself is kept nowhere
 * @param state {@code ACTIVE} (pushed) or {@code FAILED} (on polling until {@code nextAttemptAt})
 * @param pending a round was asked for by a notification and has not started yet
 * @param pendingSince when the oldest notification the pending round covers was received
 * @param lookedUpAt when Graph last answered that it has the subscription (created, renewed or looked up)
 */
@Document(FolderSubscription.COLLECTION)
record FolderSubscription(
        @Id String id,
        String accountId,
        String folder,
        String subscriptionId,
        String clientStateHash,
        Instant expiresAt,
        State state,
        Integer failures,
        String lastError,
        Instant nextAttemptAt,
        Boolean pending,
        Instant pendingSince,
        Instant updatedAt,
        Instant lookedUpAt) {

    static final String COLLECTION = "push_subscriptions";

    enum State {
        ACTIVE,
        FAILED
    }

    static String idOf(String accountId, String folder) {
        return accountId + "/" + folder;
    }

    boolean isActive() {
        return state == State.ACTIVE && subscriptionId != null;
    }
}

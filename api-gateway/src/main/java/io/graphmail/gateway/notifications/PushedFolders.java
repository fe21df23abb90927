package io.graphmail.gateway.notifications;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Which folders of an account the sync schedule still polls. A folder whose subscription is live gets its changes
 * pushed, so only the safety round (once per {@code graphmail.sync.pushed-interval}) polls it; a folder that fell back
 * to polling is polled every round; an account without push records is polled as it always was.
 */
@Component
public class PushedFolders {

    private final KnownSubscriptions subscriptions;
    private final Duration pushedInterval;

    PushedFolders(KnownSubscriptions subscriptions, PushedSyncProperties properties) {
        this.subscriptions = subscriptions;
        this.pushedInterval = properties.pushedInterval();
    }

    /**
     * The folders to poll in schedule round {@code round} (rounds are {@code interval} long): empty for the account's
     * default folders (no push records), an empty list when every folder is pushed and this is no safety round.
     */
    public Optional<List<String>> foldersToPoll(String accountId, long round, Duration interval, Instant now) {
        var pushed = subscriptions.ofAccount(accountId);
        if (pushed.isEmpty() || isSafetyRound(round, interval)) {
            return Optional.empty();
        }
        return Optional.of(pushed.stream()
                .filter(folder -> !folder.healthyAt(now))
                .map(KnownSubscriptions.PushedFolder::folder)
                .toList());
    }

    /** The first round of each pushed interval. */
    boolean isSafetyRound(long round, Duration interval) {
        long intervalMillis = interval.toMillis();
        return Math.floorDiv(round * intervalMillis, pushedInterval.toMillis())
                != Math.floorDiv((round - 1) * intervalMillis, pushedInterval.toMillis());
    }
}

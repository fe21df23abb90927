package io.graphmail.worker.accounts.credentials;

import io.graphmail.contract.accounts.AccountStatusChanged;
import io.graphmail.worker.accounts.AccountActivated;
import io.graphmail.worker.accounts.AccountSettings;
import io.graphmail.worker.accounts.CredentialsUnavailable;
import io.graphmail.worker.messaging.AccountEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Tells the gateway (which owns the account's status) and this worker (which holds work parked for
 * it) when an application account's credentials stop or start being readable. Every message for
 * such an account meets the same cause, so a worker reports a cause once, not per message: again
 * only when the cause changes, or when the gateway's record does not show it after a while (say,
 * the account was registered anew under the same id).
 */
@Component
public class CredentialStates {

    private static final Logger log = LoggerFactory.getLogger(CredentialStates.class);
    private static final Duration REPORT_AGAIN_AFTER = Duration.ofMinutes(1);

    private final AccountEvents events;
    private final ApplicationEventPublisher localEvents;
    private final Clock clock;
    private final Map<String, Reported> reported = new ConcurrentHashMap<>();

    CredentialStates(AccountEvents events, ApplicationEventPublisher localEvents, Clock clock) {
        this.events = events;
        this.localEvents = localEvents;
        this.clock = clock;
    }

    public void unavailable(AccountSettings account, CredentialsUnavailable cause) {
        Instant now = clock.instant();
        boolean recordShowsIt = CredentialsUnavailable.STATUS.equals(account.status());
        var isNew = new AtomicBoolean();
        // Atomic per account: messages handled at once for the same account report it once.
        reported.compute(account.id(), (id, before) -> {
            boolean known = before != null
                    && before.reason().equals(cause.reason())
                    && (recordShowsIt || before.at().plus(REPORT_AGAIN_AFTER).isAfter(now));
            isNew.set(!known);
            return known ? before : new Reported(cause.reason(), now);
        });
        if (!isNew.get()) {
            return;
        }
        log.warn(
                "Account {} has no usable credentials ({}); its work is parked until then",
                account.id(),
                cause.reason());
        publish(account.id(), CredentialsUnavailable.STATUS, cause.reason());
    }

    public void available(String accountId) {
        reported.remove(accountId);
        log.info("Account {} has usable credentials again; its parked work goes on", accountId);
        publish(accountId, "ACTIVE", null);
        localEvents.publishEvent(new AccountActivated(accountId));
    }

    private record Reported(String reason, Instant at) {}

    private void publish(String accountId, String status, String reason) {
        events.statusChanged(
                new AccountStatusChanged(UUID.randomUUID(), accountId, status, null, reason, clock.instant()));
    }
}

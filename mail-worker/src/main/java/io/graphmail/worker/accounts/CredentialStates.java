package io.graphmail.worker.accounts;

import io.graphmail.contract.accounts.AccountStatusChanged;
import io.graphmail.worker.messaging.AccountEvents;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Tells the gateway (which owns the account's status) and this worker (which holds work parked for
 * it) when an application account's credentials stop or start being readable. Every message for
 * such an account meets the same cause, so each worker reports a cause once, not per message.
 */
@Component
class CredentialStates {

    private static final Logger log = LoggerFactory.getLogger(CredentialStates.class);

    private final AccountEvents events;
    private final ApplicationEventPublisher localEvents;
    private final Clock clock;
    private final Map<String, String> reported = new ConcurrentHashMap<>();

    CredentialStates(AccountEvents events, ApplicationEventPublisher localEvents, Clock clock) {
        this.events = events;
        this.localEvents = localEvents;
        this.clock = clock;
    }

    void unavailable(AccountSettings account, CredentialsUnavailable cause) {
        String before = reported.put(account.id(), cause.reason());
        if (cause.reason().equals(before) && CredentialsUnavailable.STATUS.equals(account.status())) {
            return;
        }
        log.warn(
                "Account {} has no usable credentials ({}); its work is parked until then",
                account.id(),
                cause.reason());
        publish(account.id(), CredentialsUnavailable.STATUS, cause.reason());
    }

    void available(String accountId) {
        reported.remove(accountId);
        log.info("Account {} has usable credentials again; its parked work goes on", accountId);
        publish(accountId, "ACTIVE", null);
        localEvents.publishEvent(new AccountActivated(accountId));
    }

    private void publish(String accountId, String status, String reason) {
        events.statusChanged(
                new AccountStatusChanged(UUID.randomUUID(), accountId, status, null, reason, clock.instant()));
    }
}

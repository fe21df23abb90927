package io.graphmail.worker.accounts.tokens;

import io.graphmail.contract.accounts.AccountStatusChanged;
import io.graphmail.worker.accounts.AccountActivated;
import io.graphmail.worker.messaging.AccountEvents;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Records what workers learn about an account's consent and tells the gateway (which owns the
 * account's status) and the rest of this worker (which holds work parked for it).
 */
@Component
class ConsentStates {

    private static final Logger log = LoggerFactory.getLogger(ConsentStates.class);

    private final TokenCaches caches;
    private final AccountEvents events;
    private final ApplicationEventPublisher localEvents;
    private final Clock clock;

    ConsentStates(TokenCaches caches, AccountEvents events, ApplicationEventPublisher localEvents, Clock clock) {
        this.caches = caches;
        this.events = events;
        this.localEvents = localEvents;
        this.clock = clock;
    }

    void reauthRequired(String accountId, String reason) {
        log.warn("Account {} must consent again ({}); its work is parked until then", accountId, reason);
        caches.markState(accountId, TokenCaches.REAUTH_REQUIRED);
        publish(accountId, "REAUTH_REQUIRED", null, reason);
    }

    void consented(String accountId, String mailbox) {
        log.info("Account {} consented", accountId);
        caches.markState(accountId, TokenCaches.ACTIVE);
        publish(accountId, "ACTIVE", mailbox, null);
        localEvents.publishEvent(new AccountActivated(accountId));
    }

    void consentFailed(String accountId, String reason) {
        log.warn("Consent for account {} did not complete: {}", accountId, reason);
        publish(accountId, "expired_token".equals(reason) ? "CONSENT_EXPIRED" : "CONSENT_FAILED", null, reason);
    }

    private void publish(String accountId, String status, String mailbox, String reason) {
        events.statusChanged(
                new AccountStatusChanged(UUID.randomUUID(), accountId, status, mailbox, reason, clock.instant()));
    }
}

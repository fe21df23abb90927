package io.graphmail.simulator.mail;

import java.time.Instant;
import org.springframework.stereotype.Component;

/** Exchange Online's sending limits in force for a mailbox's next message, with the configured windows. */
@Component
class SendingRules {

    private final SendingLimitsSource limits;
    private final SendingProperties properties;

    SendingRules(SendingLimitsSource limits, SendingProperties properties) {
        this.limits = limits;
        this.properties = properties;
    }

    Outbox.Rules of(String mailbox, Instant now) {
        return new Outbox.Rules(
                limits.sendingLimits(mailbox), properties.rateWindow(), properties.recipientWindow(), now);
    }
}

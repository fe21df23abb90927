package io.graphmail.simulator.sending;

import io.graphmail.simulator.SimulatorProperties;
import io.graphmail.simulator.mailbox.Outbox;
import io.graphmail.simulator.mailbox.SendingLimits;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** Exchange Online's sending limits in force for a mailbox's next message, with the configured windows. */
@Component
class SendingRules {

    private static final SendingLimits NONE = new SendingLimits(null, null, null, null);

    private final SendingLimitsSource limits;
    private final SendingProperties properties;
    private final SimulatorProperties simulator;

    SendingRules(SendingLimitsSource limits, SendingProperties properties, SimulatorProperties simulator) {
        this.limits = limits;
        this.properties = properties;
        this.simulator = simulator;
    }

    /** None when the simulator is lenient. */
    Outbox.Rules of(String mailbox, Instant now) {
        return new Outbox.Rules(
                simulator.strict() ? limits.sendingLimits(mailbox) : NONE,
                properties.rateWindow(),
                properties.recipientWindow(),
                now,
                properties.undeliverableRecipients());
    }
}

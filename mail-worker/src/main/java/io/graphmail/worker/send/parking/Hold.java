package io.graphmail.worker.send.parking;

import io.graphmail.worker.accounts.AccountNeedsConsent;
import io.graphmail.worker.accounts.AccountOnHold;
import io.graphmail.worker.accounts.CredentialsUnavailable;
import java.time.Instant;
import java.util.UUID;

/** Why a command is set aside instead of sent: it has not failed, and goes back on the queue once this ends. */
public sealed interface Hold {

    /**
     * What the delivery, the parked command and the {@code MailFailed} event record, and users see, e.g.
     * {@code AWAITING_CONSENT: PENDING_CONSENT}.
     */
    String reason();

    /** What ends it, for logs: e.g. {@code its batch ... is resumed}. */
    String endsWhen();

    /** The command's batch is paused; resuming or cancelling it releases the command. */
    record BatchPaused(UUID batchId) implements Hold {
        @Override
        public String reason() {
            return "BATCH_PAUSED";
        }

        @Override
        public String endsWhen() {
            return "batch " + batchId + " is resumed or cancelled";
        }
    }

    /**
     * Its turn for the account's slots is far off, behind many of its lane ({@code Permit.Distant}): it waits here
     * rather than round the delay queues, and goes back on the queue when a grant in its lane brings its ticket near,
     * or at {@code releaseAt} at the latest.
     */
    record Paced(String lane, long ticket, Instant releaseAt) implements Hold {

        static final String REASON = "PACED";

        @Override
        public String reason() {
            return REASON;
        }

        @Override
        public String endsWhen() {
            return "its turn nears (ticket " + ticket + " of lane " + lane + ")";
        }
    }

    /** The account's owner must consent (again), for {@code why}: e.g. {@code PENDING_CONSENT}. */
    record AwaitingConsent(String why) implements Hold {
        @Override
        public String reason() {
            return AccountOnHold.holdReason(AccountNeedsConsent.HOLD, why);
        }

        @Override
        public String endsWhen() {
            return "the account's owner consents";
        }
    }

    /** The application account's secret cannot be read until the operator fixes {@code why}. */
    record CredentialsMissing(String why) implements Hold {
        @Override
        public String reason() {
            return AccountOnHold.holdReason(CredentialsUnavailable.STATUS, why);
        }

        @Override
        public String endsWhen() {
            return "the account's credentials can be read";
        }
    }

    static Hold of(AccountOnHold onHold) {
        return onHold instanceof CredentialsUnavailable
                ? new CredentialsMissing(onHold.reason())
                : new AwaitingConsent(onHold.reason());
    }
}

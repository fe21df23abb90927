package io.graphmail.worker.messaging;

import io.graphmail.contract.send.MailBounced;
import io.graphmail.contract.send.MailFailed;
import io.graphmail.contract.send.MailSent;

/** Tells the rest of the system what became of a send command. */
public interface MailEvents {

    void sent(MailSent event);

    /**
     * Publishes {@code event} and does {@code meanwhile} (recording the delivery as sent) while the broker's answer is
     * on its way; both are done when this returns. Should {@code meanwhile} throw, this throws it, and the event may
     * have been published all the same: a result is applied once however often it is published.
     */
    default void sent(MailSent event, Runnable meanwhile) {
        sent(event);
        meanwhile.run();
    }

    void failed(MailFailed event);

    void bounced(MailBounced event);
}

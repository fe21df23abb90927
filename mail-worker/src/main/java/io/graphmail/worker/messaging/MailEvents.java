package io.graphmail.worker.messaging;

import io.graphmail.contract.send.MailBounced;
import io.graphmail.contract.send.MailFailed;
import io.graphmail.contract.send.MailSent;

/** Tells the rest of the system what became of a send command. */
public interface MailEvents {

    void sent(MailSent event);

    void failed(MailFailed event);

    void bounced(MailBounced event);
}

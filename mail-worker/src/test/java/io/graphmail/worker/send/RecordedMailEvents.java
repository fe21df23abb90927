package io.graphmail.worker.send;

import io.graphmail.contract.send.MailBounced;
import io.graphmail.contract.send.MailFailed;
import io.graphmail.contract.send.MailSent;
import io.graphmail.worker.messaging.MailEvents;
import java.util.ArrayList;
import java.util.List;

class RecordedMailEvents implements MailEvents {

    final List<MailSent> sent = new ArrayList<>();
    final List<MailFailed> failed = new ArrayList<>();
    final List<MailBounced> bounced = new ArrayList<>();

    @Override
    public void sent(MailSent event) {
        sent.add(event);
    }

    @Override
    public void failed(MailFailed event) {
        failed.add(event);
    }

    @Override
    public void bounced(MailBounced event) {
        bounced.add(event);
    }
}

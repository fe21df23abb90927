package io.graphmail.worker.graph;

import com.microsoft.graph.users.item.sendmail.SendMailPostRequestBody;
import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.worker.accounts.AccountNeedsConsent;
import io.graphmail.worker.accounts.AccountSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/** Sends mail through Microsoft Graph's {@code sendMail} action, timing every call. */
@Component
public class GraphMailSender {

    private final GraphClients clients;
    private final MeterRegistry meterRegistry;

    GraphMailSender(GraphClients clients, MeterRegistry meterRegistry) {
        this.clients = clients;
        this.meterRegistry = meterRegistry;
    }

    /**
     * Hands the message to Graph.
     *
     * @throws GraphCallFailed when Graph refuses it or cannot be reached
     * @throws AccountNeedsConsent when no token can be had until the account's owner consents
     */
    public void send(SendMailCommand command, AccountSettings account) {
        var body = new SendMailPostRequestBody();
        body.setMessage(GraphMessages.from(command));
        body.setSaveToSentItems(true);
        Timer.Sample sample = Timer.start(meterRegistry);
        String status = "202";
        try {
            var client = clients.forAccount(account.id());
            if (account.isDelegated()) {
                client.me().sendMail().post(body);
            } else {
                client.users().byUserId(account.mailbox()).sendMail().post(body);
            }
        } catch (RuntimeException e) {
            GraphCallFailed failure = GraphCallFailed.from(e);
            status = failure.statusTag();
            if (failure.status() == 401) {
                clients.tokenRejected(account.id());
            }
            throw failure;
        } finally {
            sample.stop(meterRegistry.timer("graphmail.graph.requests", "operation", "sendMail", "status", status));
        }
    }
}

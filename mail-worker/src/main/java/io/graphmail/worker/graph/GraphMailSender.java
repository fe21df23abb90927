package io.graphmail.worker.graph;

import com.microsoft.graph.users.item.sendmail.SendMailPostRequestBody;
import io.graphmail.contract.send.SendMailCommand;
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
     */
    public void send(SendMailCommand command) {
        var body = new SendMailPostRequestBody();
        body.setMessage(GraphMessages.from(command));
        body.setSaveToSentItems(true);
        Timer.Sample sample = Timer.start(meterRegistry);
        String status = "202";
        try {
            clients.forAccount(command.accountId())
                    .users()
                    .byUserId(command.accountId())
                    .sendMail()
                    .post(body);
        } catch (RuntimeException e) {
            GraphCallFailed failure = GraphCallFailed.from(e);
            status = failure.statusTag();
            throw failure;
        } finally {
            sample.stop(meterRegistry.timer("graphmail.graph.requests", "operation", "sendMail", "status", status));
        }
    }
}

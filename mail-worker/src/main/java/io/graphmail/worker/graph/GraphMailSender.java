package io.graphmail.worker.graph;

import com.microsoft.graph.users.item.sendmail.SendMailPostRequestBody;
import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.worker.accounts.AccountOnHold;
import io.graphmail.worker.accounts.AccountSettings;
import org.springframework.stereotype.Component;

/** Sends mail in one request through Microsoft Graph's {@code sendMail} action. */
@Component
public class GraphMailSender {

    private final GraphCalls calls;

    GraphMailSender(GraphCalls calls) {
        this.calls = calls;
    }

    /**
     * Hands the message to Graph.
     *
     * @throws GraphCallFailed when Graph refuses it or cannot be reached
     * @throws AccountOnHold when no token can be had until the account's owner consents or its credentials are readable
     */
    public void send(SendMailCommand command, AccountSettings account) {
        var body = new SendMailPostRequestBody();
        body.setMessage(GraphMessages.sendMailMessageOf(command));
        body.setSaveToSentItems(command.keepsSentCopy());
        calls.call(account, "sendMail", () -> calls.mailbox(account).sendMail().post(body));
    }
}

package io.graphmail.worker.send.deliveries;

import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.worker.accounts.AccountOnHold;
import io.graphmail.worker.accounts.AccountSettings;
import io.graphmail.worker.graph.GraphCallFailed;
import io.graphmail.worker.graph.GraphDrafts;

/** Hands a claimed command's message to Graph. */
public interface Delivering {

    /**
     * What became of the message, and how many Graph requests it took.
     *
     * @param draft the Graph message that went out (its id and Internet message id), recorded with the delivery as
     *     sent; {@code null} for a message sent without a draft ({@code sendMail})
     */
    record Delivered(boolean sentEarlier, int graphRequests, GraphDrafts.Draft draft) {

        public Delivered(boolean sentEarlier, int graphRequests) {
            this(sentEarlier, graphRequests, null);
        }
    }

    /**
     * @param delivery the claimed delivery, which tells whether an earlier attempt may have sent the message
     * @throws GraphCallFailed when Graph refuses a step or cannot be reached
     * @throws AccountOnHold when no token can be had until the owner consents or the operator fixes its credentials
     * @throws StoredUploads.UnusableUpload when an uploaded attachment is gone or not the bytes that were uploaded
     */
    Delivered deliver(SendMailCommand command, AccountSettings account, Delivery delivery);
}

package io.graphmail.worker.send;

import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.worker.accounts.AccountOnHold;
import io.graphmail.worker.accounts.AccountSettings;
import io.graphmail.worker.graph.GraphCallFailed;

/** Hands a claimed command's message to Graph. */
interface Delivering {

    /** What became of the message, and how many Graph requests it took. */
    record Delivered(boolean sentEarlier, int graphRequests) {}

    /**
     * @param delivery the claimed delivery, which tells whether an earlier attempt may have sent the message
     * @throws GraphCallFailed when Graph refuses a step or cannot be reached
     * @throws AccountOnHold when no token can be had until the owner consents or the operator fixes its credentials
     * @throws StoredUploads.UnusableUpload when an uploaded attachment is gone or not the bytes that were uploaded
     */
    Delivered deliver(SendMailCommand command, AccountSettings account, Delivery delivery);
}

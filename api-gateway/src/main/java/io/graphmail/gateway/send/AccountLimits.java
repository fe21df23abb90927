package io.graphmail.gateway.send;

import io.graphmail.gateway.accounts.SendingLimits;
import io.graphmail.gateway.send.ReferenceProblem.Errors;
import io.graphmail.gateway.send.ReferenceProblem.Place;
import java.util.List;

/**
 * What one message from an account may be: its own limits where it has them, else Exchange Online's defaults, which
 * personal (Outlook.com) accounts share: 500 recipients per message and the configured message size (35 MB). A message
 * naming more recipients than the account may send to in a day could never be sent, so that is its limit too.
 *
 * @param recipientsSource and {@code sizeSource}: where the limit comes from, for the refusal's message
 */
record AccountLimits(int recipientsPerMessage, String recipientsSource, long maxMessageBytes, String sizeSource) {

    /** Exchange Online's default recipient limit, and Outlook.com's "Maximum recipients per message". */
    static final int DEFAULT_RECIPIENTS_PER_MESSAGE = 500;

    static AccountLimits of(SendingLimits own, long defaultMaxMessageBytes) {
        int recipients = DEFAULT_RECIPIENTS_PER_MESSAGE;
        String recipientsSource = "Exchange Online's recipient limit";
        if (own.recipientsPerMessage() != null) {
            recipients = own.recipientsPerMessage();
            recipientsSource = "the account's limits.recipientsPerMessage";
        }
        if (own.recipientsPerDay() != null && own.recipientsPerDay() < recipients) {
            recipients = own.recipientsPerDay();
            recipientsSource = "the account's limits.recipientsPerDay";
        }
        return own.maxMessageSize() == null
                ? new AccountLimits(
                        recipients, recipientsSource, defaultMaxMessageBytes, "Exchange Online's message size limit")
                : new AccountLimits(
                        recipients, recipientsSource, own.maxMessageSize(), "the account's limits.maxMessageSize");
    }

    /** At most {@link #recipientsPerMessage} in to, cc and bcc together; the error goes on {@code field}. */
    void checkRecipients(Place place, String field, SendMailRequest message, Errors errors) {
        int total = size(message.to()) + size(message.cc()) + size(message.bcc());
        if (total > recipientsPerMessage) {
            errors.add(
                    place,
                    field,
                    "to, cc and bcc together name " + total + " recipients; at most " + recipientsPerMessage
                            + " per message (" + recipientsSource + ")");
        }
    }

    private static int size(List<String> addresses) {
        return addresses == null ? 0 : addresses.size();
    }
}

package io.graphmail.contract.sync;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * New mail a sync round is storing: one event per written page of a folder, carrying every message of the page that
 * graphmail did not hold before (never on a folder's first round, which only catches up). Published by a worker
 * before the page is written, so that a round interrupted in between tells it again; consumers derive what they do
 * from the account and message ids, so a repeated page is harmless. Never carries bodies.
 *
 * @param eventId derives from the account, folder and messages, so a repeated page gives the same id
 * @param accountId the account whose mailbox received the mail
 * @param folder the folder's well-known name ({@code inbox})
 * @param messages the new messages, in the order of the page
 * @param storedAt when the worker stored them
 */
public record MailReceived(
        UUID eventId, String accountId, String folder, List<ReceivedMessage> messages, Instant storedAt) {

    public MailReceived {
        messages = messages == null ? List.of() : List.copyOf(messages);
    }

    /**
     * One new message, as Graph describes it.
     *
     * @param messageId its id in graphmail's {@code messages} collection ({@code GET /api/v1/accounts/{id}/messages/{messageId}})
     * @param graphId its Graph (immutable) id
     * @param internetMessageId its {@code Message-ID} header; may be null
     * @param from the sender's address; may be null
     * @param subject its subject; may be null
     * @param receivedDateTime when the mailbox received it
     */
    public record ReceivedMessage(
            String messageId,
            String graphId,
            String internetMessageId,
            String from,
            String subject,
            Instant receivedDateTime) {}
}

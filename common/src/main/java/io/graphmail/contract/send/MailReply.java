package io.graphmail.contract.send;

/**
 * The message is a reply, threaded with the message it answers.
 *
 * @param messageId the answered message, as stored by mailbox sync
 * @param graphMessageId the same message's Graph id in the sending mailbox
 * @param replyAll reply to the sender and every recipient, not just the sender
 */
public record MailReply(String messageId, String graphMessageId, boolean replyAll) {}

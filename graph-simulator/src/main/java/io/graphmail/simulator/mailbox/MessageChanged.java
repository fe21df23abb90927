package io.graphmail.simulator.mailbox;

/**
 * A message of a mailbox changed, by whatever path: filed (new mail, a sent copy), updated, moved or deleted. Published
 * while the mailbox is held, so a listener must only take note and return.
 *
 * @param mailbox the mailbox address, lower case
 * @param messageId the message's Graph id, which a move keeps
 * @param folderBefore the id of the folder the message was in, null when it is new
 * @param folderAfter the id of the folder it is in now, null when it was deleted
 * @param changeKey the message's change key after the change (before it, for a deletion)
 */
public record MessageChanged(
        String mailbox, String messageId, String folderBefore, String folderAfter, String changeKey) {}

package io.graphmail.simulator.mailbox;

/** All mailboxes were forgotten through the control API; what is kept per mailbox elsewhere goes with them. */
public record MailboxesCleared() {}

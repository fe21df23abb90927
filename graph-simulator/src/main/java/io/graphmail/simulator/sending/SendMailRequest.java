package io.graphmail.simulator.sending;

import io.graphmail.simulator.mailbox.Message;

/**
 * The body of {@code sendMail}. The Graph SDK capitalises its keys ({@code "Message"}); the simulator's JSON mapper
 * accepts property names case-insensitively, as Graph does.
 */
record SendMailRequest(Message message, Boolean saveToSentItems) {}

package io.graphmail.simulator.sending;

import tools.jackson.databind.JsonNode;

/**
 * The optional body of {@code createReply} and {@code createReplyAll}: message properties that replace the reply's
 * own, and a comment put above the quoted message. The Graph SDK capitalises the keys ({@code "Comment"}).
 */
record CreateReplyRequest(JsonNode message, String comment) {}

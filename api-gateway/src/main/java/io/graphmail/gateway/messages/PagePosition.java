package io.graphmail.gateway.messages;

import java.time.Instant;

/** The last message of a page, in the order (receivedDateTime, id); the next page starts after it. */
record PagePosition(Instant receivedDateTime, String id) {

    static PagePosition of(StoredMessage message) {
        return new PagePosition(message.receivedDateTime(), message.id());
    }
}

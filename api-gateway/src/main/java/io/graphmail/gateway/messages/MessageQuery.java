package io.graphmail.gateway.messages;

import org.springframework.data.domain.Sort;

/**
 * One page of an account's messages: those matching the filter, ordered by receivedDateTime and id in the
 * direction, starting after the position (from the first when it is null).
 */
record MessageQuery(MessageFilter filter, Sort.Direction direction, int limit, PagePosition after) {

    static final int MAX_LIMIT = 200;
    static final int DEFAULT_LIMIT = 50;
}

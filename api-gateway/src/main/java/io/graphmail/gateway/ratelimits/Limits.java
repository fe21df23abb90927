package io.graphmail.gateway.ratelimits;

/**
 * One client's effective limits.
 *
 * @param requestsPerSecond {@link #UNLIMITED} for none
 * @param burst the request bucket's capacity
 * @param messagesPerDay {@link #UNLIMITED} for none
 */
record Limits(long requestsPerSecond, long burst, long messagesPerDay) {

    static final long UNLIMITED = -1;

    boolean limitsRequests() {
        return requestsPerSecond != UNLIMITED;
    }

    boolean limitsMessages() {
        return messagesPerDay != UNLIMITED;
    }
}

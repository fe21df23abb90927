package io.graphmail.simulator.throttling;

/**
 * Limits over a sliding window per app and mailbox; a limit of 0 is none.
 *
 * @param requests requests let through within {@code requestWindowMillis}
 * @param uploadBytes request body bytes of PATCH, POST and PUT let through within {@code uploadWindowMillis}
 */
record WindowLimits(int requests, long requestWindowMillis, long uploadBytes, long uploadWindowMillis) {

    static final WindowLimits NONE = new WindowLimits(0, 1, 0, 1);
}

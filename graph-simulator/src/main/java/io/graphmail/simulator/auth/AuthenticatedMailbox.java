package io.graphmail.simulator.auth;

/** Where the bearer check leaves the mailbox its token stands for, so that {@code /me} can be resolved. */
public final class AuthenticatedMailbox {

    /** The name of the request attribute holding the mailbox address. */
    public static final String ATTRIBUTE = "io.graphmail.simulator.auth.mailbox";

    private AuthenticatedMailbox() {}
}

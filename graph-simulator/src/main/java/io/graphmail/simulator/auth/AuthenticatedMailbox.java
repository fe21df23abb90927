package io.graphmail.simulator.auth;

/**
 * Where the bearer check leaves the mailbox a Graph request acts on: for {@code /me} the token's mailbox, for
 * {@code /users/{id}} that mailbox, once the token is found to allow it.
 */
public final class AuthenticatedMailbox {

    /** The name of the request attribute holding the mailbox address. */
    public static final String ATTRIBUTE = "io.graphmail.simulator.auth.mailbox";

    /** The name of the request attribute holding the calling app's id (the token's client id). */
    public static final String APP_ATTRIBUTE = "io.graphmail.simulator.auth.app";

    /** The app id the static token stands for, as it names no app. */
    public static final String STATIC_TOKEN_APP = "static-token";

    private AuthenticatedMailbox() {}
}

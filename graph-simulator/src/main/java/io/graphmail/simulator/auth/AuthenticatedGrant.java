package io.graphmail.simulator.auth;

/**
 * Where the bearer check leaves what the request's token grants ({@link io.graphmail.simulator.identity.tokens.TokenGrant}),
 * for endpoints whose permission depends on the request body, such as {@code POST /subscriptions}.
 */
public final class AuthenticatedGrant {

    /** The name of the request attribute holding the grant. */
    public static final String ATTRIBUTE = "io.graphmail.simulator.auth.grant";

    private AuthenticatedGrant() {}
}

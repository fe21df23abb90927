package io.graphmail.simulator.identity.tokens;

import io.graphmail.simulator.identity.SignedInUser;
import java.time.Instant;
import java.util.Set;

/** What a refresh token can be exchanged for: new tokens for the same user, app and (by default) scopes. */
record RefreshGrant(SignedInUser user, String clientId, Set<String> scopes, Instant expiresAt) {}

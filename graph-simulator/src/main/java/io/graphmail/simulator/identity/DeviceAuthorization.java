package io.graphmail.simulator.identity;

import java.time.Instant;
import java.util.Set;

/**
 * A device code flow in progress: waiting for consent until it expires, then redeemed once for tokens.
 *
 * @param user who consented, or null while the flow is pending
 */
record DeviceAuthorization(
        String deviceCode,
        String userCode,
        String tenant,
        String clientId,
        Set<String> scopes,
        Instant expiresAt,
        SignedInUser user) {

    boolean approved() {
        return user != null;
    }

    boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    DeviceAuthorization approvedBy(SignedInUser consenting) {
        return new DeviceAuthorization(deviceCode, userCode, tenant, clientId, scopes, expiresAt, consenting);
    }
}

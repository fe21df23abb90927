package io.graphmail.simulator.identity.devicecode;

import io.graphmail.simulator.identity.SignedInUser;
import java.time.Instant;
import java.util.Set;

/**
 * A device code flow in progress: waiting for consent until it expires, then redeemed once for tokens.
 *
 * @param user who consented, or null while the flow is pending
 */
public record DeviceAuthorization(
        String deviceCode,
        String userCode,
        String tenant,
        String clientId,
        Set<String> scopes,
        Instant expiresAt,
        SignedInUser user) {

    public boolean approved() {
        return user != null;
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    DeviceAuthorization approvedBy(SignedInUser consenting) {
        return new DeviceAuthorization(deviceCode, userCode, tenant, clientId, scopes, expiresAt, consenting);
    }
}

package io.graphmail.simulator.identity.tokens;

import io.graphmail.simulator.identity.IdentityError;
import io.graphmail.simulator.identity.IdentityProperties;
import io.graphmail.simulator.identity.SignedInUser;
import io.graphmail.simulator.identity.TenantIds;
import io.graphmail.simulator.identity.TokenRequest;
import io.graphmail.simulator.identity.TokenResponse;
import io.graphmail.simulator.identity.apps.RegisteredApps;
import io.graphmail.simulator.identity.devicecode.DeviceCodes;
import java.time.Instant;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The grants of the token endpoint: device code, refresh token (rotating) and client credentials. */
@Component
class IssuingTokens {

    private final IdentityProperties properties;
    private final DeviceCodes deviceCodes;
    private final IssuedTokens tokens;
    private final RegisteredApps apps;
    private final IdTokens idTokens;

    IssuingTokens(
            IdentityProperties properties,
            DeviceCodes deviceCodes,
            IssuedTokens tokens,
            RegisteredApps apps,
            IdTokens idTokens) {
        this.properties = properties;
        this.deviceCodes = deviceCodes;
        this.tokens = tokens;
        this.apps = apps;
        this.idTokens = idTokens;
    }

    /** Pending until consent, then tokens once; expired after the device code's lifetime. */
    TokenResponse byDeviceCode(TokenRequest request) {
        String deviceCode = request.required("device_code");
        String clientId = request.clientId();
        var flow = deviceCodes
                .find(deviceCode)
                .filter(found -> found.clientId().equals(clientId))
                .orElseThrow(() -> IdentityError.invalidGrant("The provided device code is invalid or malformed."));
        if (flow.expiredAt(Instant.now())) {
            throw IdentityError.expiredToken();
        }
        if (!flow.approved()) {
            throw IdentityError.authorizationPending();
        }
        if (!deviceCodes.redeem(flow)) {
            throw IdentityError.invalidGrant("The provided device code has already been redeemed.");
        }
        return delegated(flow.user(), clientId, apps.consentable(clientId, flow.scopes()), request);
    }

    /** Exchanges a refresh token for new tokens and a new refresh token; the old one is void from now on. */
    TokenResponse byRefreshToken(TokenRequest request) {
        String refreshToken = request.required("refresh_token");
        String clientId = request.clientId();
        var grant = tokens.redeem(refreshToken, clientId)
                .orElseThrow(() -> IdentityError.invalidGrant("Provided grant is invalid or malformed."));
        if (!Instant.now().isBefore(grant.expiresAt())) {
            throw IdentityError.refreshTokenExpired();
        }
        Set<String> scopes = request.scopes().isEmpty() ? grant.scopes() : request.scopes();
        return delegated(grant.user(), clientId, apps.consentable(clientId, scopes), request);
    }

    /** An application token for the tenant, for a known client secret and a {@code .default} scope. */
    TokenResponse byClientCredentials(TokenRequest request) {
        String clientId = request.clientId();
        apps.authenticate(request, clientId);
        request.required("scope");
        if (request.appResource().isEmpty()) {
            throw IdentityError.invalidScope(String.join(" ", request.scopes()));
        }
        var now = Instant.now();
        var expiresAt = now.plus(properties.accessTokenLifetime());
        var grant = new TokenGrant(
                TokenGrant.Kind.APPLICATION,
                null,
                TenantIds.forApp(request.tenant()),
                clientId,
                apps.applicationPermissions(clientId),
                expiresAt);
        long lifetime = properties.accessTokenLifetime().toSeconds();
        return new TokenResponse("Bearer", null, lifetime, lifetime, tokens.issueAccessToken(grant), null, null, null);
    }

    private TokenResponse delegated(SignedInUser user, String clientId, Set<String> scopes, TokenRequest request) {
        var now = Instant.now();
        var expiresAt = now.plus(properties.accessTokenLifetime());
        var grant =
                new TokenGrant(TokenGrant.Kind.DELEGATED, user.mailbox(), user.tenantId(), clientId, scopes, expiresAt);
        String accessToken = tokens.issueAccessToken(grant);
        String refreshToken = tokens.issueRefreshToken(
                new RefreshGrant(user, clientId, scopes, now.plus(properties.refreshTokenLifetime())));
        long lifetime = properties.accessTokenLifetime().toSeconds();
        return new TokenResponse(
                "Bearer",
                String.join(" ", scopes),
                lifetime,
                lifetime,
                accessToken,
                refreshToken,
                idTokens.idToken(user, clientId, request.issuer(user.tenantId()), now, expiresAt),
                idTokens.clientInfo(user));
    }
}

package io.graphmail.simulator.identity;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the Microsoft identity platform stand-in.
 *
 * @param deviceCodeLifetime how long a device code waits for consent before the token endpoint answers
 *     {@code expired_token}
 * @param pollingInterval the {@code interval} the device code response asks clients to poll at (whole seconds, at
 *     least one)
 * @param accessTokenLifetime the lifetime of access tokens ({@code expires_in})
 * @param refreshTokenLifetime the lifetime of refresh tokens
 * @param defaultClientSecret the client secret accepted for apps not registered through the control API; empty
 *     accepts only registered apps
 * @param defaultAppPermissions the application permissions (roles) of apps not registered through the control API;
 *     none by default, so that such an app's token opens no Graph endpoint
 */
@Validated
@ConfigurationProperties("graphmail.simulator.identity")
public record IdentityProperties(
        @DefaultValue("15m") Duration deviceCodeLifetime,
        @DefaultValue("1s") Duration pollingInterval,
        @DefaultValue("1h") Duration accessTokenLifetime,
        @DefaultValue("90d") Duration refreshTokenLifetime,
        @DefaultValue("sim-secret") String defaultClientSecret,
        List<String> defaultAppPermissions) {

    public IdentityProperties {
        defaultAppPermissions = defaultAppPermissions == null ? List.of() : List.copyOf(defaultAppPermissions);
    }

    public long pollingIntervalSeconds() {
        return Math.max(1, pollingInterval.toSeconds());
    }
}

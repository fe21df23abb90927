package io.graphmail.simulator.identity.apps;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import java.util.List;

/**
 * An app registered through the control API.
 *
 * @param tenant the tenant the app lives in (a tenant id or domain); any tenant when absent
 * @param clientId the app's client id
 * @param clientSecret the only secret the app then accepts
 * @param certificate a PEM certificate whose key signs the app's client assertions (certificate credentials)
 * @param applicationPermissions the application permissions an admin granted the app (e.g. {@code Mail.Send},
 *     {@code Mail.ReadWrite}): the roles of its client credentials tokens; none when absent
 * @param delegatedPermissions the delegated permissions users may consent to for the app: a device code token
 *     carries what was asked for and is among them; when absent, whatever was asked for
 */
public record AppRegistration(
        String tenant,
        @NotBlank String clientId,
        String clientSecret,
        String certificate,
        List<String> applicationPermissions,
        List<String> delegatedPermissions) {

    public AppRegistration {
        applicationPermissions = applicationPermissions == null ? List.of() : List.copyOf(applicationPermissions);
        delegatedPermissions = delegatedPermissions == null ? null : List.copyOf(delegatedPermissions);
    }

    @JsonIgnore
    @AssertTrue(message = "give a clientSecret or a certificate")
    boolean isCredentialGiven() {
        return (clientSecret != null && !clientSecret.isBlank()) || (certificate != null && !certificate.isBlank());
    }
}

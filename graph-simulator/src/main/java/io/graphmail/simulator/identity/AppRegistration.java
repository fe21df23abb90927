package io.graphmail.simulator.identity;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;

/**
 * An app registered through the control API.
 *
 * @param tenant the tenant the app lives in (a tenant id or domain); any tenant when absent
 * @param clientId the app's client id
 * @param clientSecret the only secret the app then accepts
 * @param certificate a PEM certificate whose key signs the app's client assertions (certificate credentials)
 */
record AppRegistration(String tenant, @NotBlank String clientId, String clientSecret, String certificate) {

    @JsonIgnore
    @AssertTrue(message = "give a clientSecret or a certificate")
    boolean isCredentialGiven() {
        return (clientSecret != null && !clientSecret.isBlank()) || (certificate != null && !certificate.isBlank());
    }
}

package io.graphmail.simulator.identity;

import jakarta.validation.constraints.NotBlank;

/**
 * An app registered through the control API.
 *
 * @param tenant the tenant the app lives in (a tenant id or domain); any tenant when absent
 * @param clientId the app's client id
 * @param clientSecret the only secret the app then accepts
 */
record AppRegistration(
        String tenant, @NotBlank String clientId, @NotBlank String clientSecret) {}

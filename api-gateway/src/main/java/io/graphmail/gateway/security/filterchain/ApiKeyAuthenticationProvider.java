package io.graphmail.gateway.security.filterchain;

import io.graphmail.gateway.security.apikeys.ApiKeys;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/** Checks a bearer API key against the configured clients and the keys issued through the API. */
final class ApiKeyAuthenticationProvider implements AuthenticationProvider {

    private final ApiKeys apiKeys;

    ApiKeyAuthenticationProvider(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String key = ((ApiKeyAuthentication) authentication).presentedKey();
        return apiKeys.clientFor(key)
                .map(ApiKeyAuthentication::of)
                .orElseThrow(() -> new BadCredentialsException("The API key is not valid"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return ApiKeyAuthentication.class.isAssignableFrom(authentication);
    }
}

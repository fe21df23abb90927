package io.graphmail.simulator.identity.tokens;

import io.graphmail.simulator.identity.IdentityError;
import io.graphmail.simulator.identity.TokenRequest;
import io.graphmail.simulator.identity.TokenResponse;
import io.graphmail.simulator.identity.protectedapis.ApiAccessTokens;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Entra ID's v2.0 token endpoint, {@code /{tenant}/oauth2/v2.0/token}. */
@RestController
class TokenController {

    /** The device code grant as RFC 8628 names it; msal4j sends the short form {@code device_code}. */
    static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    private final IssuingTokens issuing;
    private final TokenRequestCounts counts;
    private final ApiAccessTokens apiTokens;

    TokenController(IssuingTokens issuing, TokenRequestCounts counts, ApiAccessTokens apiTokens) {
        this.issuing = issuing;
        this.counts = counts;
        this.apiTokens = apiTokens;
    }

    @PostMapping("/{tenant}/oauth2/v2.0/token")
    ResponseEntity<TokenResponse> token(
            @PathVariable String tenant,
            @RequestParam Map<String, String> form,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        String root = ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
        var request = new TokenRequest(tenant, form, authorization, root);
        String grantType = request.required("grant_type");
        counts.record(grantType.equals(DEVICE_CODE_GRANT) ? "device_code" : grantType);
        var response = switch (grantType) {
            case DEVICE_CODE_GRANT, "device_code" -> issuing.byDeviceCode(request);
            case "refresh_token" -> issuing.byRefreshToken(request);
            case "client_credentials" ->
                apiTokens.forRegisteredApi(request).orElseGet(() -> issuing.byClientCredentials(request));
            default -> throw IdentityError.unsupportedGrantType(grantType);
        };
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(response);
    }
}

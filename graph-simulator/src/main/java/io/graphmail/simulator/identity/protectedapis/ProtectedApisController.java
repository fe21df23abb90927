package io.graphmail.simulator.identity.protectedapis;

import io.graphmail.simulator.identity.SigningKey;
import jakarta.validation.Valid;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Control API for web APIs protected by the simulated identity platform: register an API with its app role
 * assignments, and sign arbitrary claims with the published key (to test how an API treats expired, foreign or
 * otherwise wrong tokens that are validly signed).
 */
@RestController
@RequestMapping("/_sim/identity")
class ProtectedApisController {

    private final ProtectedApis apis;
    private final SigningKey signingKey;

    ProtectedApisController(ProtectedApis apis, SigningKey signingKey) {
        this.apis = apis;
        this.signingKey = signingKey;
    }

    @PostMapping("/apis")
    @ResponseStatus(HttpStatus.CREATED)
    ApiRegistration register(@Valid @RequestBody ApiRegistration api) {
        return apis.register(api);
    }

    @DeleteMapping("/apis")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void clear() {
        apis.clear();
    }

    /** The claims as given, signed (RS256) with the key the key set publishes: {@code {"token": "<jwt>"}}. */
    @PostMapping("/signed-tokens")
    Map<String, String> sign(@RequestBody Map<String, Object> claims) {
        return Map.of("token", signingKey.sign(claims));
    }
}

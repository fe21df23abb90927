package io.graphmail.simulator.identity.tokens;

import io.graphmail.simulator.SimulatorProperties;
import io.graphmail.simulator.identity.apps.AppRegistration;
import io.graphmail.simulator.identity.apps.RegisteredApps;
import io.graphmail.simulator.identity.devicecode.DeviceCodes;
import io.graphmail.simulator.web.GraphErrorException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Control API: consent to device codes, revoke and expire tokens, register apps, count token requests. */
@RestController
@RequestMapping("/_sim")
class IdentityController {

    private final DeviceCodes deviceCodes;
    private final IssuedTokens tokens;
    private final RegisteredApps apps;
    private final TokenRequestCounts counts;
    private final SimulatorProperties properties;

    IdentityController(
            DeviceCodes deviceCodes,
            IssuedTokens tokens,
            RegisteredApps apps,
            TokenRequestCounts counts,
            SimulatorProperties properties) {
        this.deviceCodes = deviceCodes;
        this.tokens = tokens;
        this.apps = apps;
        this.counts = counts;
        this.properties = properties;
    }

    /** The user signs in as {@code mailbox} (default: the default mailbox) and consents to the pending flow. */
    @PostMapping("/consent/{userCode}")
    Consent consent(@PathVariable String userCode, @RequestBody(required = false) ConsentRequest body) {
        String mailbox =
                body == null || body.mailbox() == null || body.mailbox().isBlank()
                        ? properties.defaultMailbox()
                        : body.mailbox();
        var flow = deviceCodes
                .approve(userCode, mailbox, body == null ? null : body.name())
                .orElseThrow(() -> GraphErrorException.notFound("No pending device code with user code " + userCode));
        return new Consent(flow.userCode(), flow.user().mailbox(), flow.clientId(), flow.scopes());
    }

    @GetMapping("/identity/device-codes")
    Map<String, List<PendingFlow>> pending() {
        return Map.of(
                "value",
                deviceCodes.pending().stream()
                        .map(flow -> new PendingFlow(flow.userCode(), flow.clientId(), flow.scopes(), flow.expiresAt()))
                        .toList());
    }

    @PostMapping("/identity/revoke")
    IssuedTokens.Revoked revoke(@Valid @RequestBody RevokeRequest body) {
        return tokens.revoke(body.mailbox());
    }

    @PostMapping("/identity/expire-access-tokens")
    Map<String, Integer> expireAccessTokens() {
        return Map.of("expired", tokens.expireAccessTokens());
    }

    @PostMapping("/identity/apps")
    @ResponseStatus(HttpStatus.CREATED)
    AppRegistration register(@Valid @RequestBody AppRegistration app) {
        return apps.register(app);
    }

    @GetMapping("/identity/stats")
    Map<String, Long> stats() {
        return counts.counts();
    }

    /** Forgets device codes, tokens, app registrations and counts. */
    @DeleteMapping("/identity")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void clear() {
        deviceCodes.clear();
        tokens.clear();
        apps.clear();
        counts.clear();
    }

    record ConsentRequest(String mailbox, String name) {}

    record Consent(String userCode, String mailbox, String clientId, Set<String> scopes) {}

    record PendingFlow(String userCode, String clientId, Set<String> scopes, Instant expiresAt) {}

    record RevokeRequest(@NotBlank String mailbox) {}
}

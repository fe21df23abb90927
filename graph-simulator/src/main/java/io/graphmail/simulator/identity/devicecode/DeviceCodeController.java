package io.graphmail.simulator.identity.devicecode;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.graphmail.simulator.identity.IdentityProperties;
import io.graphmail.simulator.identity.TokenRequest;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Starts a device code flow, {@code /{tenant}/oauth2/v2.0/devicecode}; consent comes through the control API. */
@RestController
public class DeviceCodeController {

    static final String VERIFICATION_URI = "https://microsoft.com/devicelogin";

    private final DeviceCodes deviceCodes;
    private final IdentityProperties properties;

    DeviceCodeController(DeviceCodes deviceCodes, IdentityProperties properties) {
        this.deviceCodes = deviceCodes;
        this.properties = properties;
    }

    @PostMapping("/{tenant}/oauth2/v2.0/devicecode")
    ResponseEntity<DeviceCodeResponse> start(@PathVariable String tenant, @RequestParam Map<String, String> form) {
        var request = new TokenRequest(tenant, form, null, null);
        String clientId = request.clientId();
        request.required("scope");
        var lifetime = properties.deviceCodeLifetime();
        var flow = deviceCodes.start(
                tenant, clientId, request.scopes(), Instant.now().plus(lifetime));
        var response = new DeviceCodeResponse(
                flow.userCode(),
                flow.deviceCode(),
                VERIFICATION_URI,
                lifetime.toSeconds(),
                properties.pollingIntervalSeconds(),
                "To sign in, use a web browser to open the page " + VERIFICATION_URI + " and enter the code "
                        + flow.userCode() + " to authenticate.");
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(response);
    }

    record DeviceCodeResponse(
            @JsonProperty("user_code") String userCode,
            @JsonProperty("device_code") String deviceCode,
            @JsonProperty("verification_uri") String verificationUri,
            @JsonProperty("expires_in") long expiresIn,
            long interval,
            String message) {}
}

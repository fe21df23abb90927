package io.graphmail.simulator.identity.devicecode;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.microsoft.aad.msal4j.DeviceCodeFlowParameters;
import com.microsoft.aad.msal4j.MsalException;
import io.graphmail.simulator.SimulatorTests;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Device codes nobody consents to expire after {@code graphmail.simulator.identity.device-code-lifetime}.
 *
 * <p>Three seconds, not two: msal4j counts the lifetime from a whole second, so two can leave room for only one poll at
 * the one-second interval.
 */
@TestPropertySource(properties = "graphmail.simulator.identity.device-code-lifetime=3s")
class DeviceCodeExpiryTests extends SimulatorTests {

    static final String CLIENT_ID = "3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f";

    @Test
    void answersExpiredTokenOnceTheLifetimeIsOver() {
        var flow = http.postForm(
                        "/consumers/oauth2/v2.0/devicecode", Map.of("client_id", CLIENT_ID, "scope", "Mail.Send"))
                .json();
        assertThat(flow.path("expires_in").asLong()).isEqualTo(3);
        var poll = Map.of(
                "grant_type",
                "device_code",
                "client_id",
                CLIENT_ID,
                "device_code",
                flow.path("device_code").asString());

        assertThat(http.postForm("/consumers/oauth2/v2.0/token", poll).oauthError())
                .isEqualTo("authorization_pending");
        await().atMost(6, SECONDS)
                .until(() -> http.postForm("/consumers/oauth2/v2.0/token", poll)
                        .oauthError()
                        .equals("expired_token"));

        var expired = http.postForm("/consumers/oauth2/v2.0/token", poll);
        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.json().path("error_codes").get(0).asLong()).isEqualTo(70020);
        assertThat(http.post("/_sim/consent/" + flow.path("user_code").asString(), "")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void msalGivesUpWhenNobodyConsents() throws Exception {
        var msal = publicClient(CLIENT_ID, "consumers");

        var failure = catchThrowable(
                () -> msal.acquireToken(DeviceCodeFlowParameters.builder(Set.of("Mail.Send"), deviceCode -> {})
                                .build())
                        .get(10, SECONDS));

        assertThat(failure).isInstanceOf(ExecutionException.class).cause().isInstanceOf(MsalException.class);
        assertThat(((MsalException) failure.getCause()).errorCode()).isIn("expired_token", "code_expired");
        assertThat(http.get("/_sim/identity/stats").json().path("device_code").asInt())
                .isGreaterThanOrEqualTo(2);
    }
}

package io.graphmail.simulator.throttling;

import static io.graphmail.simulator.throttling.ConcurrentRequests.concurrently;
import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.simulator.SimulatorHttp.Response;
import io.graphmail.simulator.SimulatorTests;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Outlook's limits per app and mailbox, on by default, with small windows so that they strike in a test. */
@TestPropertySource(
        properties = {
            "graphmail.simulator.throttling.requests-per-window=6",
            "graphmail.simulator.throttling.upload-bytes-per-window=3400000"
        })
class OutlookLimitsTests extends SimulatorTests {

    static final String OTHER_APP = "other-app";

    @Test
    void letsFourRequestsOfAnAppToAMailboxRunAtOnceWithoutAnyLimitSet() throws Exception {
        http.post("/_sim/faults", "{\"pathPattern\": \"/v1.0/users/*/messages\", \"latencyMs\": 1000}");

        var responses = concurrently(6, () -> http.get("/v1.0/users/c@x.io/messages"));

        assertThat(responses).extracting(Response::status).containsOnly(200, 429);
        assertThat(responses)
                .filteredOn(response -> response.status() == 429)
                .isNotEmpty()
                .allSatisfy(response -> {
                    assertThat(response.errorCode()).isEqualTo("ApplicationThrottled");
                    assertThat(response.header("Retry-After")).hasValue("1");
                });
        var stats = http.get("/_sim/mailboxes/c@x.io/stats/apps").json();
        assertThat(stats.propertyNames()).containsExactly("static-token");
        assertThat(stats.path("static-token").path("maxConcurrentObserved").asInt())
                .isBetween(1, 4);
    }

    @Test
    void refusesRequestsBeyondTheWindowPerAppAndMailbox() {
        for (int request = 0; request < 6; request++) {
            assertThat(http.get("/v1.0/users/w@x.io/messages").status()).isEqualTo(200);
        }

        var seventh = http.get("/v1.0/users/w@x.io/messages");

        assertThat(seventh.status()).isEqualTo(429);
        assertThat(seventh.errorCode()).isEqualTo("ApplicationThrottled");
        assertThat(seventh.header("Retry-After"))
                .as("until the first request leaves the 10 minutes")
                .hasValueSatisfying(
                        seconds -> assertThat(Long.parseLong(seconds)).isBetween(590L, 600L));
        assertThat(http.get("/v1.0/users/v@x.io/messages").status())
                .as("another mailbox")
                .isEqualTo(200);
        assertThat(http.get("/v1.0/users/w@x.io/messages", otherAppToken()).status())
                .as("another app")
                .isEqualTo(200);
        var perApp = http.get("/_sim/mailboxes/w@x.io/stats/apps").json();
        assertThat(perApp.path("static-token").path("throttled").asInt()).isEqualTo(1);
        assertThat(perApp.path(OTHER_APP).path("requests").asInt()).isEqualTo(1);
    }

    @Test
    void countsUploadUrlRangesAgainstTheUploadVolumeOfTheAppThatOpenedTheSession() {
        String messages = "/v1.0/users/u@x.io/messages";
        String draft = http.post(messages, "{\"subject\": \"Files\"}")
                .json()
                .path("id")
                .asString();
        byte[] file = new byte[3_500_000];
        String url = http.post(
                        messages + "/" + draft + "/attachments/createUploadSession",
                        "{\"AttachmentItem\": {\"attachmentType\": \"file\", \"name\": \"a.bin\", \"size\": "
                                + file.length + "}}")
                .json()
                .path("uploadUrl")
                .asString();
        assertThat(put(url, file, 0, 3_276_799).status()).isEqualTo(200);

        var refused = put(url, file, 3_276_800, file.length - 1);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.errorCode()).isEqualTo("ApplicationThrottled");
        assertThat(refused.header("Retry-After"))
                .as("until the first upload leaves the 5 minutes")
                .hasValueSatisfying(
                        seconds -> assertThat(Long.parseLong(seconds)).isBetween(290L, 300L));
        assertThat(http.callAbsolute("GET", url)
                        .json()
                        .path("nextExpectedRanges")
                        .get(0)
                        .asString())
                .as("the session is unchanged")
                .isEqualTo("3276800");
        assertThat(http.get("/_sim/mailboxes/u@x.io/stats")
                        .json()
                        .path("uploadedBytes")
                        .asLong())
                .isGreaterThan(3_276_800)
                .isLessThan(3_400_000);
    }

    @Test
    void windowLimitsChangeThroughTheControlApiUntilLimitsAreReset() {
        assertThat(http.put(
                                "/_sim/limits/windows",
                                "{\"requestsPerWindow\": 1, \"requestWindowSeconds\": 600, "
                                        + "\"uploadBytesPerWindow\": 0, \"uploadWindowSeconds\": 300}")
                        .status())
                .isEqualTo(200);
        assertThat(http.get("/v1.0/users/r@x.io/messages").status()).isEqualTo(200);
        assertThat(http.get("/v1.0/users/r@x.io/messages").status()).isEqualTo(429);

        http.delete("/_sim/limits");

        assertThat(http.get("/v1.0/users/r@x.io/messages").status())
                .as("the configured 6 again")
                .isEqualTo(200);
    }

    private Response put(String url, byte[] file, int first, int last) {
        return http.putBytes(
                url,
                Arrays.copyOfRange(file, first, last + 1),
                "Content-Range",
                "bytes " + first + "-" + last + "/" + file.length);
    }

    private String otherAppToken() {
        identity.registerApp(OTHER_APP, "\"applicationPermissions\": [\"Mail.ReadWrite\"]");
        return identity.appToken("common", OTHER_APP);
    }
}

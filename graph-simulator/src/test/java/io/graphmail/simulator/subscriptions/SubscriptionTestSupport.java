package io.graphmail.simulator.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.simulator.SimulatorHttp;
import io.graphmail.simulator.SimulatorTests;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A simulator with a notification receiver at hand, and the requests the subscription tests make. */
abstract class SubscriptionTestSupport extends SimulatorTests {

    static final String MAILBOX = "ada@example.com";
    static final String TENANT = "contoso.example";

    NotificationReceiver receiver;

    @BeforeEach
    void startReceiver() {
        receiver = new NotificationReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    static String inHours(int hours) {
        return Instant.now().plus(hours, ChronoUnit.HOURS).toString();
    }

    static String subscriptionBody(String resource, String changeType, String url, String expiration) {
        return """
                {"changeType": "%s", "notificationUrl": "%s", "resource": "%s",
                 "expirationDateTime": "%s", "clientState": "secretClientValue"}""".formatted(changeType, url, resource, expiration);
    }

    SimulatorHttp.Response subscribe(String resource, String changeType, NotificationReceiver to, String token) {
        return http.post("/v1.0/subscriptions", subscriptionBody(resource, changeType, to.url(), inHours(1)), token);
    }

    /** Subscribes with the static token; fails the test unless Graph would create the subscription. */
    String subscribed(String resource, String changeType, NotificationReceiver to) {
        var created = subscribe(resource, changeType, to, SimulatorHttp.TOKEN);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    void registerApp(String clientId, String permissions) {
        var registered = http.post(
                "/_sim/identity/apps",
                "{\"clientId\": \"" + clientId + "\", \"clientSecret\": \"sim-secret\", " + permissions + "}");
        assertThat(registered.status()).isEqualTo(201);
    }

    String appToken(String clientId) {
        return http.postForm(
                        "/" + TENANT + "/oauth2/v2.0/token",
                        Map.of(
                                "grant_type", "client_credentials",
                                "client_id", clientId,
                                "client_secret", "sim-secret",
                                "scope", "https://graph.microsoft.com/.default"))
                .json()
                .path("access_token")
                .asString();
    }

    /** A delegated token for {@link #MAILBOX} with the scopes asked for, through the device code flow. */
    String delegated(String clientId, String scopes) {
        var flow = http.postForm(
                        "/organizations/oauth2/v2.0/devicecode", Map.of("client_id", clientId, "scope", scopes))
                .json();
        http.post("/_sim/consent/" + flow.path("user_code").asString(), "{\"mailbox\": \"" + MAILBOX + "\"}");
        return http.postForm(
                        "/organizations/oauth2/v2.0/token",
                        Map.of(
                                "grant_type",
                                "device_code",
                                "client_id",
                                clientId,
                                "device_code",
                                flow.path("device_code").asString()))
                .json()
                .path("access_token")
                .asString();
    }

    String seed(String folder, String subject) {
        return http.post(
                        "/_sim/mailboxes/" + MAILBOX + "/messages?folder=" + folder,
                        "{\"subject\": \"" + subject + "\"}")
                .json()
                .path("id")
                .asString();
    }
}

package io.graphmail.simulator.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.simulator.SimulatorHttp;
import io.graphmail.simulator.SimulatorTests;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
        assertThat(identity.registerApp(clientId, permissions).status()).isEqualTo(201);
    }

    String appToken(String clientId) {
        return identity.appToken(TENANT, clientId);
    }

    /** A delegated token for {@link #MAILBOX} with the scopes asked for, through the device code flow. */
    String delegated(String clientId, String scopes) {
        return identity.delegated(clientId, scopes, MAILBOX);
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

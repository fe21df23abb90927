package io.graphmail.simulator.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphmail.simulator.SimulatorHttp;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Lifecycle notifications fired through the control API reach the subscription's lifecycle endpoint. */
class LifecycleNotificationTests extends SubscriptionTestSupport {

    NotificationReceiver lifecycle;
    String id;

    @BeforeEach
    void subscribeWithALifecycleEndpoint() {
        lifecycle = new NotificationReceiver();
        String body = """
                {"changeType": "created", "notificationUrl": "%s", "lifecycleNotificationUrl": "%s",
                 "resource": "users/%s/mailFolders('inbox')/messages", "expirationDateTime": "%s",
                 "clientState": "secretClientValue"}""".formatted(receiver.url(), lifecycle.url(), MAILBOX, inHours(1));
        var created = http.post("/v1.0/subscriptions", body);
        assertThat(created.status()).isEqualTo(201);
        id = created.json().path("id").asString();
    }

    @AfterEach
    void stopLifecycleEndpoint() {
        lifecycle.close();
    }

    @Test
    void reauthorizationRequiredKeepsTheSubscription() {
        assertThat(fire("reauthorizationRequired").status()).isEqualTo(202);

        JsonNode notification = awaitLifecycle().get(0);
        assertThat(notification.path("lifecycleEvent").asString()).isEqualTo("reauthorizationRequired");
        assertThat(notification.path("subscriptionId").asString()).isEqualTo(id);
        assertThat(notification.path("clientState").asString()).isEqualTo("secretClientValue");
        assertThat(notification.path("subscriptionExpirationDateTime").asString())
                .isNotBlank();
        assertThat(http.get("/v1.0/subscriptions/" + id).status()).isEqualTo(200);
        assertThat(receiver.posts())
                .as("lifecycle events go to the lifecycle endpoint")
                .isZero();
    }

    @Test
    void subscriptionRemovedEndsTheSubscription() {
        fire("subscriptionRemoved");

        assertThat(awaitLifecycle().get(0).path("lifecycleEvent").asString()).isEqualTo("subscriptionRemoved");
        assertThat(http.get("/v1.0/subscriptions/" + id).status()).isEqualTo(404);
        assertThat(http.get("/_sim/subscriptions").json().path("value")).isEmpty();
    }

    @Test
    void missedIsDelivered() {
        fire("missed");

        assertThat(awaitLifecycle().get(0).path("lifecycleEvent").asString()).isEqualTo("missed");
    }

    @Test
    void theControlApiListsSubscriptionsWithTheirOwnerScopeAndDeliveries() {
        JsonNode state = http.get("/_sim/subscriptions").json().path("value").get(0);

        assertThat(state.path("subscription").path("id").asString()).isEqualTo(id);
        assertThat(state.path("owner").asString()).isEqualTo("static-token");
        assertThat(state.path("mailbox").asString()).isEqualTo(MAILBOX);
        assertThat(state.path("folderId").asString()).startsWith("AQMk");
        assertThat(state.path("deliveries").path("posts").asInt()).isZero();
        assertThat(fire("unknownEvent").status()).isEqualTo(400);
        assertThat(http.post("/_sim/subscriptions/nope/lifecycle", "{\"lifecycleEvent\": \"missed\"}")
                        .status())
                .isEqualTo(404);
    }

    private SimulatorHttp.Response fire(String event) {
        return http.post("/_sim/subscriptions/" + id + "/lifecycle", "{\"lifecycleEvent\": \"" + event + "\"}");
    }

    private List<JsonNode> awaitLifecycle() {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !lifecycle.notifications().isEmpty());
        return lifecycle.notifications();
    }
}

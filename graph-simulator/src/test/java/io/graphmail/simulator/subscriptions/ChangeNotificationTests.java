package io.graphmail.simulator.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphmail.simulator.SimulatorHttp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Mailbox changes reach the endpoints of the subscriptions that watch them, whatever path made them. */
class ChangeNotificationTests extends SubscriptionTestSupport {

    static final String INBOX = "users/" + MAILBOX + "/mailFolders('Inbox')/messages";
    static final String ALL = "users/" + MAILBOX + "/messages";

    @Test
    void newMailNotifiesWithClientStateResourceAndResourceData() {
        String subscription = subscribed(INBOX, "created", receiver);

        String id = seed("inbox", "Hello");

        JsonNode notification = awaitNotifications(receiver, 1).get(0);
        assertThat(notification.path("subscriptionId").asString()).isEqualTo(subscription);
        assertThat(notification.path("changeType").asString()).isEqualTo("created");
        assertThat(notification.path("clientState").asString()).isEqualTo("secretClientValue");
        assertThat(notification.path("resource").asString()).isEqualTo("Users/" + MAILBOX + "/Messages/" + id);
        assertThat(notification.path("subscriptionExpirationDateTime").asString())
                .isNotBlank();
        JsonNode data = notification.path("resourceData");
        assertThat(data.path("@odata.type").asString()).isEqualTo("#Microsoft.Graph.Message");
        assertThat(data.path("@odata.id").asString()).isEqualTo("Users/" + MAILBOX + "/Messages/" + id);
        assertThat(data.path("@odata.etag").asString()).startsWith("W/\"");
        assertThat(data.path("id").asString()).isEqualTo(id);
        await().untilAsserted(() -> assertThat(http.get("/_sim/subscriptions/" + subscription + "/deliveries")
                        .json()
                        .path("lastStatus")
                        .asInt())
                .isEqualTo(202));
    }

    @Test
    void generatedMessagesAllArriveInValueArrays() {
        subscribed(INBOX, "created", receiver);

        var generated = http.post("/_sim/mailboxes/" + MAILBOX + "/messages/generate", "{\"count\": 5}")
                .json()
                .path("ids")
                .valueStream()
                .map(JsonNode::asString)
                .toList();

        List<JsonNode> notifications = awaitNotifications(receiver, 5);
        assertThat(notifications)
                .extracting(n -> n.path("resourceData").path("id").asString())
                .containsExactlyInAnyOrderElementsOf(generated);
        assertThat(receiver.posts()).isBetween(1, 5);
    }

    @Test
    void aSentMessageLandingInSentItemsIsCreatedThere() {
        subscribed("users/" + MAILBOX + "/mailFolders('SentItems')/messages", "created", receiver);

        var sent = http.post("/v1.0/users/" + MAILBOX + "/sendMail", """
                {"message": {"subject": "Out", "toRecipients": [{"emailAddress": {"address": "bea@example.com"}}]}}""");

        assertThat(sent.status()).isEqualTo(202);
        assertThat(awaitNotifications(receiver, 1).get(0).path("changeType").asString())
                .isEqualTo("created");
    }

    @Test
    void readStateUpdatesMovesAndDeletesAreReportedPerScope() {
        String id = seed("inbox", "Hello");
        subscribed(INBOX, "updated,deleted", receiver);
        try (var wholeMailbox = new NotificationReceiver()) {
            subscribed(ALL, "created,updated,deleted", wholeMailbox);

            http.patch("/v1.0/users/" + MAILBOX + "/messages/" + id, "{\"isRead\": true}");
            awaitNotifications(receiver, 1);
            http.post("/_sim/mailboxes/" + MAILBOX + "/messages/" + id + "/move", "{\"folder\": \"deleteditems\"}");
            awaitNotifications(receiver, 2);
            http.delete("/_sim/mailboxes/" + MAILBOX + "/messages/" + id);

            assertThat(awaitNotifications(wholeMailbox, 3))
                    .extracting(n -> n.path("changeType").asString())
                    .containsExactly("updated", "updated", "deleted");
            assertThat(receiver.notifications())
                    .as("the inbox subscription sees the move out as a deletion, and nothing after it")
                    .extracting(n -> n.path("changeType").asString())
                    .containsExactly("updated", "deleted");
        }
    }

    @Test
    void onlyTheChangeTypesAskedForAreReported() {
        String id = seed("inbox", "Hello");
        subscribed(INBOX, "deleted", receiver);

        http.patch("/v1.0/users/" + MAILBOX + "/messages/" + id, "{\"isRead\": true}");
        seed("inbox", "Another");
        http.delete("/_sim/mailboxes/" + MAILBOX + "/messages/" + id);

        assertThat(awaitNotifications(receiver, 1))
                .extracting(n -> n.path("changeType").asString())
                .containsExactly("deleted");
    }

    @Test
    void aDeletedSubscriptionIsNotNotified() {
        String deleted = subscribed(INBOX, "created", receiver);
        http.delete("/v1.0/subscriptions/" + deleted);
        try (var control = new NotificationReceiver()) {
            subscribed(INBOX, "created", control);

            seed("inbox", "After delete");

            awaitNotifications(control, 1);
            assertThat(receiver.posts()).isZero();
        }
    }

    @Test
    void anExpiredSubscriptionIsRemovedAndNotNotified() {
        http.put("/_sim/subscriptions/limits", "{\"maxLifetime\": \"PT3S\"}");
        String expiring = Instant.now().plus(1, ChronoUnit.SECONDS).toString();
        var created = http.post("/v1.0/subscriptions", subscriptionBody(INBOX, "created", receiver.url(), expiring));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("id").asString();
        http.put("/_sim/subscriptions/limits", "{\"maxLifetime\": \"PT1H\"}");
        try (var control = new NotificationReceiver()) {
            subscribed(INBOX, "created", control);

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> http.get("/v1.0/subscriptions/" + id).status() == 404);
            seed("inbox", "After expiry");

            awaitNotifications(control, 1);
            assertThat(receiver.posts()).isZero();
            assertThat(http.get("/v1.0/subscriptions", SimulatorHttp.TOKEN)
                            .json()
                            .path("value"))
                    .hasSize(1);
        }
    }

    @Test
    void anEndpointThatIsGoneCountsAsAFailedDelivery() {
        String subscription = subscribed(INBOX, "created", receiver);
        receiver.close();

        seed("inbox", "Nobody listens");

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(http.get("/_sim/subscriptions/" + subscription + "/deliveries")
                                .json()
                                .path("failures")
                                .asInt())
                        .isEqualTo(1));
        JsonNode deliveries =
                http.get("/_sim/subscriptions/" + subscription + "/deliveries").json();
        assertThat(deliveries.path("posts").asInt()).isEqualTo(1);
        assertThat(deliveries.path("lastError").asString()).isNotBlank();
    }

    static List<JsonNode> awaitNotifications(NotificationReceiver to, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> to.notifications().size() >= count);
        return to.notifications();
    }
}

package io.graphmail.simulator.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.simulator.SimulatorHttp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Creating, reading, renewing and deleting subscriptions to Outlook messages, as Graph's subscription pages say. */
class SubscriptionTests extends SubscriptionTestSupport {

    static final String INBOX = "users/" + MAILBOX + "/mailFolders('Inbox')/messages";

    @Test
    void createsASubscriptionOnceTheEndpointEchoesTheValidationToken() {
        var created = subscribe(INBOX, "created,updated", receiver, SimulatorHttp.TOKEN);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("resource").asString()).isEqualTo(INBOX);
        assertThat(created.json().path("changeType").asString()).isEqualTo("created,updated");
        assertThat(created.json().path("clientState").asString()).isEqualTo("secretClientValue");
        assertThat(created.json().path("notificationUrl").asString()).isEqualTo(receiver.url());
        assertThat(receiver.validations()).isEqualTo(1);
        String id = created.json().path("id").asString();
        assertThat(http.get("/v1.0/subscriptions/" + id).json().path("id").asString())
                .isEqualTo(id);
        assertThat(http.get("/v1.0/subscriptions")
                        .json()
                        .path("value")
                        .get(0)
                        .path("id")
                        .asString())
                .isEqualTo(id);
    }

    @Test
    void anEndpointThatRefusesValidationGetsNoSubscription() {
        receiver.validateWith(NotificationReceiver.Validation.REFUSE);

        var refused = subscribe(INBOX, "created", receiver, SimulatorHttp.TOKEN);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("ValidationError");
        assertThat(refused.json()
                        .path("error")
                        .path("innerError")
                        .path("request-id")
                        .asString())
                .isNotBlank();
        assertThat(http.get("/v1.0/subscriptions").json().path("value")).isEmpty();
    }

    @Test
    void anEndpointThatAnswersAnotherTokenGetsNoSubscription() {
        receiver.validateWith(NotificationReceiver.Validation.WRONG_TOKEN);

        var refused = subscribe(INBOX, "created", receiver, SimulatorHttp.TOKEN);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("error").path("message").asString()).contains("exactly match");
    }

    @Test
    void anEndpointThatDoesNotAnswerInTimeGetsNoSubscription() {
        http.put("/_sim/subscriptions/limits", "{\"validationTimeout\": \"PT1S\"}");
        receiver.validateWith(NotificationReceiver.Validation.HANG);

        var refused = subscribe(INBOX, "created", receiver, SimulatorHttp.TOKEN);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("InvalidRequest");
        assertThat(refused.json().path("error").path("message").asString()).contains("timed out");
        assertThat(http.get("/v1.0/subscriptions").json().path("value")).isEmpty();
    }

    @Test
    void theLifecycleEndpointIsValidatedToo() {
        try (var lifecycle = new NotificationReceiver()) {
            lifecycle.validateWith(NotificationReceiver.Validation.REFUSE);
            String body = """
                    {"changeType": "created", "notificationUrl": "%s", "lifecycleNotificationUrl": "%s",
                     "resource": "me/messages", "expirationDateTime": "%s"}""".formatted(receiver.url(), lifecycle.url(), inHours(1));

            var refused = http.post("/v1.0/subscriptions", body);

            assertThat(refused.status()).isEqualTo(400);
            assertThat(lifecycle.validations()).isEqualTo(1);
        }
    }

    @Test
    void expiryMustLieInTheFutureAndWithinTheOutlookMaximum() {
        String beyond = Instant.now().plus(4231, ChronoUnit.MINUTES).toString();
        String past = Instant.now().minus(1, ChronoUnit.MINUTES).toString();

        var tooLate = http.post("/v1.0/subscriptions", subscriptionBody(INBOX, "created", receiver.url(), beyond));
        var tooEarly = http.post("/v1.0/subscriptions", subscriptionBody(INBOX, "created", receiver.url(), past));

        assertThat(tooLate.status()).isEqualTo(400);
        assertThat(tooLate.json().path("error").path("message").asString())
                .isEqualTo("Subscription expiration can only be 4230 minutes in the future.");
        assertThat(tooEarly.status()).isEqualTo(400);
        assertThat(receiver.validations()).isZero();
        String almostMax = Instant.now().plus(4200, ChronoUnit.MINUTES).toString();
        assertThat(http.post("/v1.0/subscriptions", subscriptionBody(INBOX, "created", receiver.url(), almostMax))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void refusesAClientStateOver128CharactersAndUnknownChangeTypes() {
        String body = """
                {"changeType": "created", "notificationUrl": "%s", "resource": "me/messages",
                 "expirationDateTime": "%s", "clientState": "%s"}""".formatted(receiver.url(), inHours(1), "x".repeat(129));

        assertThat(http.post("/v1.0/subscriptions", body).status()).isEqualTo(400);
        assertThat(subscribe(INBOX, "created,read", receiver, SimulatorHttp.TOKEN)
                        .status())
                .isEqualTo(400);
    }

    @Test
    void needsAMailReadPermissionFromTheCreatePagesTable() {
        registerApp("app-send-only", "\"applicationPermissions\": [\"Mail.Send\"]");
        registerApp("app-reader", "\"applicationPermissions\": [\"Mail.Read\"]");

        var denied = subscribe(INBOX, "created", receiver, appToken("app-send-only"));
        var allowed = subscribe(INBOX, "created", receiver, appToken("app-reader"));
        var delegatedDenied = subscribe("me/messages", "created", receiver, delegated("app-user", "Mail.Send"));
        var delegatedBasic = subscribe("me/messages", "created", receiver, delegated("app-user", "Mail.ReadBasic"));

        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.errorCode()).isEqualTo("ErrorAccessDenied");
        assertThat(allowed.status()).isEqualTo(201);
        assertThat(allowed.json().path("applicationId").asString()).isEqualTo("app-reader");
        assertThat(delegatedDenied.status()).isEqualTo(403);
        assertThat(delegatedBasic.status()).isEqualTo(201);
    }

    @Test
    void anotherAppCannotSeeRenewOrDeleteTheSubscription() {
        registerApp("app-a", "\"applicationPermissions\": [\"Mail.Read\"]");
        registerApp("app-b", "\"applicationPermissions\": [\"Mail.Read\"]");
        String a = appToken("app-a");
        String b = appToken("app-b");
        String id = subscribe(INBOX, "created", receiver, a).json().path("id").asString();
        String renewal = "{\"expirationDateTime\": \"" + inHours(2) + "\"}";

        assertThat(http.get("/v1.0/subscriptions", b).json().path("value")).isEmpty();
        assertThat(http.get("/v1.0/subscriptions/" + id, b).status()).isEqualTo(404);
        assertThat(http.call("PATCH", "/v1.0/subscriptions/" + id, renewal, b).status())
                .isEqualTo(404);
        assertThat(http.call("DELETE", "/v1.0/subscriptions/" + id, "", b).status())
                .isEqualTo(404);
        assertThat(http.get("/v1.0/subscriptions/" + id, a).status()).isEqualTo(200);
        assertThat(http.get("/v1.0/subscriptions", a).json().path("value")).hasSize(1);
    }

    @Test
    void patchRenewsWithinTheMaximum() {
        String id = subscribed(INBOX, "created", receiver);
        String later = Instant.now().plus(2, ChronoUnit.DAYS).toString();

        var renewed = http.patch("/v1.0/subscriptions/" + id, "{\"expirationDateTime\": \"" + later + "\"}");
        var tooLong = http.patch(
                "/v1.0/subscriptions/" + id,
                "{\"expirationDateTime\": \"" + Instant.now().plus(4, ChronoUnit.DAYS) + "\"}");

        assertThat(renewed.status()).isEqualTo(200);
        assertThat(Instant.parse(renewed.json().path("expirationDateTime").asString()))
                .isEqualTo(Instant.parse(later));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(http.patch("/v1.0/subscriptions/unknown", "{\"expirationDateTime\": \"" + later + "\"}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void deleteEndsTheSubscription() {
        String id = subscribed(INBOX, "created", receiver);

        assertThat(http.delete("/v1.0/subscriptions/" + id).status()).isEqualTo(204);
        assertThat(http.get("/v1.0/subscriptions/" + id).status()).isEqualTo(404);
        assertThat(http.delete("/v1.0/subscriptions/" + id).status()).isEqualTo(404);
    }

    @Test
    void aMailboxsLostSubscriptionsAreGoneForEveryCallAndOthersStay() {
        String inbox = subscribed(INBOX, "created", receiver);
        String all = subscribed("users/" + MAILBOX + "/messages", "created", receiver);
        String other = subscribed("users/grace@example.com/mailFolders('Inbox')/messages", "created", receiver);
        String later = "{\"expirationDateTime\": \"" + inHours(2) + "\"}";

        var lost = http.delete("/_sim/subscriptions/mailboxes/" + MAILBOX.toUpperCase(java.util.Locale.ROOT));

        assertThat(lost.status()).isEqualTo(200);
        assertThat(lost.json().path("removed").asInt()).isEqualTo(2);
        var renewal = http.patch("/v1.0/subscriptions/" + inbox, later);
        assertThat(renewal.status()).isEqualTo(404);
        assertThat(renewal.errorCode()).isEqualTo("ResourceNotFound");
        assertThat(http.get("/v1.0/subscriptions/" + all).status()).isEqualTo(404);
        assertThat(http.get("/v1.0/subscriptions").json().path("value"))
                .extracting(value -> value.path("id").asString())
                .containsExactly(other);
    }

    @Test
    void listsTheAppsSubscriptionsTenAPageFollowingNextLinks() {
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            created.add(subscribed(INBOX, "created", receiver));
        }

        var first = http.get("/v1.0/subscriptions").json();
        String next = first.path("@odata.nextLink").asString();
        var second = http.get(next.substring(next.indexOf("/v1.0/"))).json();

        assertThat(first.path("value")).hasSize(10);
        assertThat(next).startsWith("http").contains("/v1.0/subscriptions?$skiptoken=");
        assertThat(second.path("value")).hasSize(2);
        assertThat(second.has("@odata.nextLink")).isFalse();
        Set<String> listed = new HashSet<>();
        first.path("value")
                .forEach(subscription -> listed.add(subscription.path("id").asString()));
        second.path("value")
                .forEach(subscription -> listed.add(subscription.path("id").asString()));
        assertThat(listed).isEqualTo(created);
    }
}

package io.graphmail.gateway.suppressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphmail.gateway.FullStackTests;
import io.graphmail.testsupport.TestAccounts;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Bounces end to end: the simulator files a non-delivery report in the sender's Inbox, the worker's next sync
 * recognises it, and the gateway records the message BOUNCED and suppresses a hard-bounced address.
 */
class BouncesIntegrationTests extends FullStackTests {

    final String accountId = "bounce-" + UUID.randomUUID();
    final String mailbox = accountId + "@graphmail.local";

    @BeforeEach
    void registerAccount() {
        assertThat(api.post("/api/v1/accounts", TestAccounts.applicationAccountJson(accountId, mailbox))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void aHardBounceEndsBouncedAndSuppressesTheAddressForLaterSends() {
        String gone = "gone-" + UUID.randomUUID() + "@bounce.invalid";
        JsonNode bounced = sentAndBounced(gone);
        assertThat(bounced.path("bounce").path("recipient").asString()).isEqualTo(gone);
        assertThat(bounced.path("bounce").path("statusCode").asString()).isEqualTo("5.1.1");
        assertThat(bounced.path("bounce").path("permanent").asBoolean()).isTrue();
        assertThat(bounced.path("bounce").path("diagnostic").asString()).contains("RecipNotFound");

        var refused = api.post("/api/v1/mail", mail(gone.toUpperCase(), ""));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.body()).contains(gone.toUpperCase()).contains("suppression list");

        var overridden = api.post("/api/v1/mail", mail(gone, ",\"ignoreSuppressions\":true"));
        assertThat(overridden.status()).isEqualTo(202);
    }

    @Test
    void aSoftBounceEndsBouncedWithoutSuppressing() {
        String full = "full-" + UUID.randomUUID() + "@mailbox-full.invalid";
        JsonNode bounced = sentAndBounced(full);
        assertThat(bounced.path("bounce").path("statusCode").asString()).isEqualTo("5.2.2");
        assertThat(bounced.path("bounce").path("permanent").asBoolean()).isFalse();
        assertThat(api.post("/api/v1/mail", mail(full, "")).status()).isEqualTo(202);
    }

    @Test
    void clientsManageTheirOwnSuppressionListPageByPage() {
        String prefix = "m-" + UUID.randomUUID();
        for (String name : new String[] {"a", "b", "c"}) {
            assertThat(api.post("/api/v1/suppressions", "{\"address\":\"" + name + "-" + prefix + "@example.com\"}")
                            .status())
                    .isEqualTo(201);
        }
        assertThat(api.post("/api/v1/suppressions", "{\"address\":\"A-" + prefix + "@example.com\"}")
                        .status())
                .as("kept once")
                .isEqualTo(200);

        var listed = new java.util.ArrayList<String>();
        String cursor = null;
        do {
            var page = api.get("/api/v1/suppressions?limit=2" + (cursor == null ? "" : "&after=" + cursor))
                    .json();
            assertThat(page.path("items").size()).isLessThanOrEqualTo(2);
            page.path("items")
                    .valueStream()
                    .map(item -> item.path("address").asString())
                    .forEach(listed::add);
            cursor = page.path("nextCursor").isNull()
                    ? null
                    : page.path("nextCursor").asString();
        } while (cursor != null);
        assertThat(listed.stream().filter(address -> address.contains(prefix)))
                .containsExactly(
                        "a-" + prefix + "@example.com", "b-" + prefix + "@example.com", "c-" + prefix + "@example.com");
        assertThat(api.post("/api/v1/mail", mail("b-" + prefix + "@example.com", ""))
                        .status())
                .isEqualTo(422);
        assertThat(api.delete("/api/v1/suppressions/b-" + prefix + "@example.com")
                        .status())
                .isEqualTo(204);
        assertThat(api.delete("/api/v1/suppressions/b-" + prefix + "@example.com")
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/v1/mail", mail("b-" + prefix + "@example.com", ""))
                        .status())
                .isEqualTo(202);
    }

    @Test
    void aBatchRecordsItsItemsToSuppressedAddressesSuppressedSendsTheRestAndCompletes() {
        String gone = suppressedAddress();
        String first = "first-" + UUID.randomUUID() + "@example.com";
        String last = "last-" + UUID.randomUUID() + "@example.com";
        String recipients = String.join(
                ",",
                "{\"to\":[\"" + first + "\"]}",
                "{\"to\":[\"" + gone.toUpperCase() + "\"]}",
                "{\"to\":[\"other-" + UUID.randomUUID() + "@example.com\"],\"cc\":[\"" + gone + "\"]}",
                "{\"to\":[\"" + last + "\"]}");

        var accepted = api.post("/api/v1/mail/batches", batch(recipients, ""));

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().path("counts").path("SUPPRESSED").asInt()).isEqualTo(2);
        String location = accepted.header("Location");
        JsonNode done = awaitStatus(location, "COMPLETED", "state");
        assertThat(done.path("total").asInt()).isEqualTo(4);
        assertThat(done.path("counts").path("SENT").asInt()).isEqualTo(2);
        assertThat(done.path("counts").path("SUPPRESSED").asInt()).isEqualTo(2);
        assertThat(simulator.sent(mailbox))
                .map(message -> message.path("toRecipients")
                        .get(0)
                        .path("emailAddress")
                        .path("address")
                        .asString())
                .containsExactlyInAnyOrder(first, last);
        var suppressed =
                api.get(location + "/messages?status=SUPPRESSED").json().path("items");
        assertThat(suppressed.valueStream().map(item -> item.path("lastError").asString()))
                .containsExactlyInAnyOrder(
                        "SUPPRESSED: on the suppression list: to[0] " + gone.toUpperCase(),
                        "SUPPRESSED: on the suppression list: cc[0] " + gone);
        var one = api.get("/api/v1/mail/" + suppressed.get(0).path("id").asString());
        assertThat(one.text("status")).isEqualTo("SUPPRESSED");
        assertThat(one.text("sentAt")).isNull();
        assertThat(one.json().path("attempts").asInt()).isZero();
    }

    @Test
    void aBatchThatOverridesTheListSendsToSuppressedAddressesToo() {
        String gone = suppressedAddress();
        String recipients = "{\"to\":[\"" + gone + "\"]},{\"to\":[\"kept-" + UUID.randomUUID() + "@example.com\"]}";

        var accepted = api.post("/api/v1/mail/batches", batch(recipients, ",\"ignoreSuppressions\":true"));

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        JsonNode done = awaitStatus(accepted.header("Location"), "COMPLETED", "state");
        assertThat(done.path("counts").path("SENT").asInt()).isEqualTo(2);
        assertThat(done.path("counts").has("SUPPRESSED")).isFalse();
        assertThat(simulator.sent(mailbox))
                .anyMatch(message -> message.path("toRecipients")
                        .get(0)
                        .path("emailAddress")
                        .path("address")
                        .asString()
                        .equals(gone));
    }

    /** Sends a message to {@code to}, and once it is sent syncs the inbox its bounce comes to: the message BOUNCED. */
    private JsonNode sentAndBounced(String to) {
        String id = api.post("/api/v1/mail", mail(to, "")).text("id");
        awaitStatus("/api/v1/mail/" + id, "SENT");

        sync();

        return awaitStatus("/api/v1/mail/" + id, "BOUNCED").json();
    }

    private JsonNode awaitStatus(String path, String value, String field) {
        return await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> api.get(path).json(),
                        node -> value.equals(node.path(field).asString()));
    }

    private String batch(String recipients, String extra) {
        return """
                {"accountId":"%s","template":{"subject":"News","text":"Hello"},"recipients":[%s]%s}""".formatted(accountId, recipients, extra);
    }

    /** A new address, put on the client's suppression list. */
    private String suppressedAddress() {
        String gone = "gone-" + UUID.randomUUID() + "@example.com";
        assertThat(api.post("/api/v1/suppressions", "{\"address\":\"" + gone + "\"}")
                        .status())
                .isEqualTo(201);
        return gone;
    }

    private void sync() {
        String runId = api.post("/api/v1/accounts/" + accountId + "/sync", "{\"folders\":[\"inbox\"]}")
                .text("runId");
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> api.get("/api/v1/accounts/" + accountId + "/sync").json(),
                        status -> status.get("folders")
                                .valueStream()
                                .anyMatch(folder -> "inbox"
                                                .equals(folder.path("folder").asString())
                                        && runId.equals(folder.path("lastRunId").asString())
                                        && "IDLE".equals(folder.path("state").asString())));
    }

    private String mail(String to, String extra) {
        return """
                {"accountId":"%s","to":["%s"],"subject":"Hello","body":{"contentType":"text","content":"Hi"}%s}""".formatted(accountId, to, extra);
    }
}

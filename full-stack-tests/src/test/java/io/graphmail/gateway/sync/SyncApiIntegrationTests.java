package io.graphmail.gateway.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphmail.gateway.Api;
import io.graphmail.gateway.OwnAccountTests;
import io.graphmail.testsupport.TestAccounts;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/** Sync on request over REST, through RabbitMQ and a worker, and its status; the original fetch endpoint. */
class SyncApiIntegrationTests extends OwnAccountTests {

    @Autowired
    SyncLagMetrics syncLag;

    SyncApiIntegrationTests() {
        super("sync");
    }

    @Test
    void syncsOnRequestAndShowsEachFolder() {
        simulator.generateMessages(mailbox, "inbox", 30, Map.of());
        simulator.generateMessages(mailbox, "sentitems", 4, Map.of());

        var response = api.post("/api/v1/accounts/" + accountId + "/sync", "");

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.header("Location")).isEqualTo("/api/v1/accounts/" + accountId + "/sync");
        assertThat(response.text("statusUrl")).isEqualTo(response.header("Location"));
        assertThat(response.text("status")).as("the old name, kept a release").isEqualTo(response.text("statusUrl"));
        String runId = response.text("runId");
        JsonNode status = await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/v1/accounts/" + accountId + "/sync").json(), json -> bothIdle(json, runId));
        assertThat(folder(status, "inbox").get("added").asInt()).isEqualTo(30);
        assertThat(folder(status, "inbox").get("folderName").asString()).isEqualTo("Inbox");
        assertThat(folder(status, "sentitems").get("added").asInt()).isEqualTo(4);
        assertThat(folder(status, "inbox").get("deltaStateAgeSeconds").asLong()).isBetween(0L, 30L);
        var synced =
                api.get("/api/v1/accounts/" + accountId + "/messages?limit=200").json();
        assertThat(synced.get("items").size()).as("both folders, queryable").isEqualTo(34);
        var inboxOnly = api.get("/api/v1/accounts/" + accountId + "/messages?folder=inbox&limit=200")
                .json();
        assertThat(inboxOnly.get("items").size()).isEqualTo(30);
        syncLag.refresh();
        assertThat(new Api(managementPort, null).get("/actuator/prometheus").body())
                .containsPattern(
                        "graphmail_sync_lag_seconds\\{[^}]*account=\"" + accountId + "\",[^}]*folder=\"inbox\"");
    }

    @Test
    void messagesMovedBetweenSyncedFoldersShowInTheirNewFolderAndAreNeverDeleted() {
        var ids = simulator.generateMessages(mailbox, "inbox", 5, Map.of());
        sync("");
        String movedFirst = ids.get(0);
        String movedSecond = ids.get(1);
        String subjectFirst = simulator
                .folderContents(mailbox, "inbox")
                .get(movedFirst)
                .get("subject")
                .asString();
        String subjectSecond = simulator
                .folderContents(mailbox, "inbox")
                .get(movedSecond)
                .get("subject")
                .asString();

        simulator.moveMessage(mailbox, movedFirst, "sentitems");
        sync(""); // inbox, then sentitems
        simulator.moveMessage(mailbox, movedSecond, "sentitems");
        syncOnly("sentitems");
        syncOnly("inbox");

        var all = api.get("/api/v1/accounts/" + accountId + "/messages?includeDeleted=true&limit=200")
                .json()
                .get("items");
        assertThat(all.size()).isEqualTo(5);
        assertThat(all.valueStream().filter(item -> !item.path("deletedAt").isNull()))
                .as("none deleted")
                .isEmpty();
        var sentItems = api.get("/api/v1/accounts/" + accountId + "/messages?folder=sentitems&limit=200")
                .json()
                .get("items");
        assertThat(sentItems.valueStream().map(item -> item.get("subject").asString()))
                .containsExactlyInAnyOrder(subjectFirst, subjectSecond);
        assertThat(sentItems.valueStream().map(item -> item.get("folderName").asString()))
                .containsOnly("Sent Items");
        assertThat(api.get("/api/v1/accounts/" + accountId + "/messages?folder=inbox&limit=200")
                        .json()
                        .get("items")
                        .size())
                .isEqualTo(3);
    }

    @Test
    void aFullSyncThatFindsAnEmptiedInboxHoldsTheMassDeletionUntilASyncConfirmsIt() {
        var ids = simulator.generateMessages(mailbox, "inbox", 120, Map.of());
        sync("");
        // The inbox is empty, and Graph no longer holds the delta state (410): the next round is a full one, as after
        // a simulator restarted without its data.
        ids.forEach(id -> simulator.deleteMessage(mailbox, id));
        simulator.expireDeltaTokens(mailbox);

        sync("");

        var held = folder(api.get("/api/v1/accounts/" + accountId + "/sync").json(), "inbox")
                .get("heldDeletions");
        assertThat(held.get("unseen").asLong()).isEqualTo(120);
        assertThat(held.get("stored").asLong()).isEqualTo(120);
        assertThat(inboxSize()).as("nothing marked deleted").isEqualTo(120);

        sync("{\"confirmDeletions\":true}");

        assertThat(folder(api.get("/api/v1/accounts/" + accountId + "/sync").json(), "inbox")
                        .path("heldDeletions")
                        .isNull())
                .isTrue();
        assertThat(inboxSize()).isZero();
    }

    private int inboxSize() {
        return api.get("/api/v1/accounts/" + accountId + "/messages?folder=inbox&limit=200")
                .json()
                .get("items")
                .size();
    }

    @Test
    void theOriginalFetchEndpointSyncsTheDefaultAccount() {
        // The default account is shared by every test class in this JVM; all register it with this mailbox.
        String defaultMailbox = "default@graphmail.local";
        var registered = api.post("/api/v1/accounts", TestAccounts.applicationAccountJson("default", defaultMailbox));
        assertThat(registered.status()).as("registered here or by another test").isIn(201, 409);
        // Another class may have synced it against its own simulator, now gone: its stored delta links lead there.
        mongo.remove(Query.query(Criteria.where("accountId").is("default")), "sync_states");
        var response = api.get("/api/v1/emails/fetch");
        assertThat(response.status()).isEqualTo(202);
        String runId = response.text("runId");
        assertThat(response.text("accountId")).isEqualTo("default");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/v1/accounts/default/sync").json(), json -> bothIdle(json, runId));
    }

    @Test
    void syncsOnlyTheFoldersAsked() {
        simulator.generateMessages(mailbox, "sentitems", 3, Map.of());

        var response = api.post("/api/v1/accounts/" + accountId + "/sync", """
                {"folders":["sentitems"],"mode":"full"}""");

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.text("mode")).isEqualTo("full");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/v1/accounts/" + accountId + "/sync")
                                .json()
                                .get("folders")
                                .size()
                        == 1);
        JsonNode only = api.get("/api/v1/accounts/" + accountId + "/sync")
                .json()
                .get("folders")
                .get(0);
        assertThat(only.get("folder").asString()).isEqualTo("sentitems");
    }

    @Test
    void refusesAnUnknownFolderNamingTheFieldAndAnUnknownAccount() {
        var badFolder = api.post("/api/v1/accounts/" + accountId + "/sync", """
                {"folders":["drafts"]}""");
        assertThat(badFolder.status()).isEqualTo(400);
        assertThat(badFolder.header("Content-Type")).startsWith("application/problem+json");
        assertThat(badFolder.json().get("errors").get(0).get("field").asString())
                .isEqualTo("folders[0]");

        var badMode = api.post("/api/v1/accounts/" + accountId + "/sync", """
                {"mode":"sometimes"}""");
        assertThat(badMode.status()).isEqualTo(400);
        assertThat(badMode.json().get("errors").get(0).get("field").asString()).isEqualTo("mode");

        assertThat(api.post("/api/v1/accounts/nobody-" + accountId + "/sync", "")
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/accounts/nobody-" + accountId + "/sync").status())
                .isEqualTo(404);
    }

    private void sync(String body) {
        String runId = api.post("/api/v1/accounts/" + accountId + "/sync", body).text("runId");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/v1/accounts/" + accountId + "/sync").json(), json -> bothIdle(json, runId));
    }

    private void syncOnly(String folder) {
        String runId = api.post("/api/v1/accounts/" + accountId + "/sync", "{\"folders\":[\"" + folder + "\"]}")
                .text("runId");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> runId.equals(folder(
                                        api.get("/api/v1/accounts/" + accountId + "/sync")
                                                .json(),
                                        folder)
                                .get("lastRunId")
                                .asString())
                        && "IDLE"
                                .equals(folder(
                                                api.get("/api/v1/accounts/" + accountId + "/sync")
                                                        .json(),
                                                folder)
                                        .get("state")
                                        .asString()));
    }

    private static boolean bothIdle(JsonNode status, String runId) {
        var folders = status.get("folders");
        if (folders == null || folders.size() != 2) {
            return false;
        }
        for (JsonNode folder : folders) {
            if (!"IDLE".equals(folder.get("state").asString())
                    || !runId.equals(folder.get("lastRunId").asString())) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode folder(JsonNode status, String name) {
        for (JsonNode folder : status.get("folders")) {
            if (name.equals(folder.get("folder").asString())) {
                return folder;
            }
        }
        throw new AssertionError("no folder " + name + " in " + status);
    }
}

package io.graphmail.simulator.delta;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.simulator.SimulatorHttp;
import io.graphmail.simulator.SimulatorTests;
import io.graphmail.simulator.mailbox.Folder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DeltaQueryTests extends SimulatorTests {

    static final String MAILBOX = "u@x.io";
    static final String DELTA = "/v1.0/users/" + MAILBOX + "/mailFolders/inbox/messages/delta";

    @Test
    void pagesTheFirstRoundAndEndsItWithADeltaLink() {
        List<String> generated = generate(120);

        var first = http.getWithHeaders(DELTA, "Prefer", "odata.maxpagesize=50");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Preference-Applied")).contains("odata.maxpagesize=50");
        assertThat(first.json().path("@odata.context").asString())
                .isEqualTo(http.base() + "/v1.0/$metadata#Collection(message)");
        assertThat(first.json().path("@odata.nextLink").asString()).startsWith(http.base() + DELTA + "?$skiptoken=");
        assertThat(first.json().has("@odata.deltaLink")).isFalse();
        var round = follow(first.json(), "Prefer", "odata.maxpagesize=50");
        assertThat(round.pageSizes()).containsExactly(50, 50, 20);
        assertThat(round.ids()).hasSize(120).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(generated);
        assertThat(round.deltaLink()).startsWith(http.base() + DELTA + "?$deltatoken=");
    }

    @Test
    void servesTenMessagesPerPageUnlessAskedAndAtMostAThousand() {
        generate(12);

        var plain = http.get(DELTA);
        var large = http.getWithHeaders(DELTA, "Prefer", "odata.maxpagesize=5000");

        assertThat(plain.json().path("value")).hasSize(10);
        assertThat(plain.header("Preference-Applied")).isEmpty();
        assertThat(large.json().path("value")).hasSize(12);
        assertThat(large.header("Preference-Applied")).contains("odata.maxpagesize=1000");
    }

    @Test
    void reportsOnlyWhatChangedSinceTheDeltaToken() {
        List<String> ids = generate(6);
        String deltaLink = follow(http.get(DELTA).json()).deltaLink();
        String added = seed("{\"subject\": \"new one\"}");
        http.patch(messagePath(ids.get(0)), "{\"isRead\": true, \"subject\": \"renamed\"}");
        http.delete(messagePath(ids.get(1)));
        http.post(messagePath(ids.get(2)) + "/move", "{\"folder\": \"sentitems\"}");
        seed("{\"subject\": \"elsewhere\", \"parentFolderId\": \"sentitems\"}");

        var round = follow(http.getAbsolute(deltaLink).json());

        assertThat(round.items()).hasSize(4);
        assertThat(removals(round)).containsEntry(ids.get(1), "deleted").containsEntry(ids.get(2), "deleted");
        var changed =
                round.items().stream().filter(item -> !item.has("@removed")).toList();
        assertThat(changed).extracting(item -> item.path("id").asString()).containsExactlyInAnyOrder(added, ids.get(0));
        var renamed = changed.stream()
                .filter(item -> item.path("id").asString().equals(ids.get(0)))
                .findFirst()
                .orElseThrow();
        assertThat(renamed.path("subject").asString()).isEqualTo("renamed");
        assertThat(renamed.path("isRead").asBoolean()).isTrue();
        var removed = round.items().stream()
                .filter(item -> item.has("@removed"))
                .findFirst()
                .orElseThrow();
        assertThat(removed.propertyNames()).containsExactlyInAnyOrder("@odata.type", "id", "@removed");
        assertThat(removed.path("@odata.type").asString()).isEqualTo("#microsoft.graph.message");

        var quiet = http.getAbsolute(round.deltaLink()).json();
        assertThat(quiet.path("value")).isEmpty();
        assertThat(quiet.path("@odata.deltaLink").asString()).startsWith(http.base() + DELTA + "?$deltatoken=");
    }

    @Test
    void reportsAMoveAsRemovedFromTheSourceFolderAndAddedToTheTargetUnderTheSameId() {
        List<String> ids = generate(3);
        String sentItemsDelta = "/v1.0/users/" + MAILBOX + "/mailFolders/sentitems/messages/delta";
        String inboxLink = follow(http.get(DELTA).json()).deltaLink();
        String sentItemsLink = follow(http.get(sentItemsDelta).json()).deltaLink();

        http.post(messagePath(ids.get(0)) + "/move", "{\"destinationId\": \"" + Folder.SENT_ITEMS.id() + "\"}");

        var inbox = follow(http.getAbsolute(inboxLink).json());
        var sentItems = follow(http.getAbsolute(sentItemsLink).json());
        assertThat(inbox.items()).singleElement();
        assertThat(removals(inbox)).containsExactly(Map.entry(ids.get(0), "deleted"));
        assertThat(sentItems.items()).singleElement().satisfies(item -> {
            assertThat(item.path("id").asString()).isEqualTo(ids.get(0));
            assertThat(item.has("@removed")).isFalse();
            assertThat(item.path("parentFolderId").asString()).isEqualTo(Folder.SENT_ITEMS.id());
        });
    }

    @Test
    void keepsARoundStableWhileTheFolderChangesAndReportsTheChangesNextRound() {
        List<String> ids = generate(30);
        var first = http.getWithHeaders(DELTA, "Prefer", "odata.maxpagesize=10").json();
        List<String> firstPage = ids(first);
        String undelivered =
                ids.stream().filter(id -> !firstPage.contains(id)).findFirst().orElseThrow();
        String added = seed("{\"subject\": \"arrived mid-round\"}");
        http.delete(messagePath(undelivered));
        http.patch(messagePath(firstPage.get(0)), "{\"isRead\": true}");

        var round = follow(first, "Prefer", "odata.maxpagesize=10");

        assertThat(round.ids()).hasSize(30).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        var next = follow(http.getAbsolute(round.deltaLink()).json());
        assertThat(removals(next)).containsOnlyKeys(undelivered).containsEntry(undelivered, "deleted");
        assertThat(next.items().stream().filter(item -> !item.has("@removed")))
                .extracting(item -> item.path("id").asString())
                .containsExactlyInAnyOrder(added, firstPage.get(0));
    }

    @Test
    void answersGoneWithSyncStateNotFoundOnceTokensExpire() {
        generate(15);
        var first = http.get(DELTA).json();
        String nextLink = first.path("@odata.nextLink").asString();
        String deltaLink = follow(first).deltaLink();

        assertThat(http.post("/_sim/mailboxes/" + MAILBOX + "/delta/expire", "").status())
                .isEqualTo(200);

        for (String link : List.of(deltaLink, nextLink)) {
            var gone = http.getAbsolute(link);
            assertThat(gone.status()).isEqualTo(410);
            assertThat(gone.errorCode()).isEqualTo("SyncStateNotFound");
            assertThat(gone.json().path("error").path("message").asString()).isNotBlank();
        }
        assertThat(http.get(DELTA + "?$deltatoken=bm90LWEtdG9rZW4").status()).isEqualTo(410);
        assertThat(http.get(DELTA + "?$skiptoken=garbage!").status()).isEqualTo(410);
        var again = follow(http.get(DELTA).json());
        assertThat(again.ids()).hasSize(15);
        assertThat(http.getAbsolute(again.deltaLink()).status()).isEqualTo(200);
        assertThat(stats().path("expiredTokens").asLong()).isEqualTo(4);
    }

    @Test
    void refusesATokenIssuedForAnotherFolderOrAClearedMailbox() {
        generate(3);
        String deltaLink = follow(http.get(DELTA).json()).deltaLink();
        String token = deltaLink.substring(deltaLink.indexOf("$deltatoken=") + "$deltatoken=".length());

        assertThat(http.get("/v1.0/users/" + MAILBOX + "/mailFolders/sentitems/messages/delta?$deltatoken=" + token)
                        .status())
                .isEqualTo(410);
        http.reset();
        assertThat(http.getAbsolute(deltaLink).status()).isEqualTo(410);
    }

    @Test
    void selectsPropertiesForTheWholeRoundAndLaterRounds() {
        List<String> ids = generate(3);
        var first = http.getWithHeaders(DELTA + "?$select=subject,isRead", "Prefer", "odata.maxpagesize=2")
                .json();
        var round = follow(first, "Prefer", "odata.maxpagesize=2");
        http.patch(messagePath(ids.get(0)), "{\"isRead\": true}");
        http.delete(messagePath(ids.get(1)));

        var next = follow(http.getAbsolute(round.deltaLink()).json());

        Set<String> selected = Set.of("@odata.type", "@odata.etag", "id", "subject", "isRead");
        assertThat(round.items())
                .hasSize(3)
                .allSatisfy(item -> assertThat(item.propertyNames()).containsExactlyInAnyOrderElementsOf(selected));
        assertThat(next.items()).hasSize(2);
        assertThat(next.items().get(0).propertyNames()).containsExactlyInAnyOrder("@odata.type", "id", "@removed");
        assertThat(next.items().get(1).propertyNames()).containsExactlyInAnyOrderElementsOf(selected);
        assertThat(next.items().get(1).path("isRead").asBoolean()).isTrue();
    }

    @Test
    void filtersTheRoundByReceivedDateTime() {
        http.post(
                "/_sim/mailboxes/" + MAILBOX + "/messages",
                "[{\"subject\": \"old\", \"receivedDateTime\": \"2023-12-31T23:59:59Z\"},"
                        + " {\"subject\": \"new\", \"receivedDateTime\": \"2024-01-01T00:00:00Z\"}]");

        var page = http.get(DELTA + "?$filter=receivedDateTime%20ge%202024-01-01T00:00:00Z")
                .json();

        assertThat(page.path("value")
                        .valueStream()
                        .map(item -> item.path("subject").asString()))
                .containsExactly("new");
        assertThat(http.get(DELTA + "?$filter=subject%20eq%20'x'").status()).isEqualTo(400);
    }

    @Test
    void aFilteredRoundListsAtMostFiveThousandMessagesTheNewest() {
        var generated = http.post(
                "/_sim/mailboxes/" + MAILBOX + "/messages/generate",
                "{\"count\": 5050, \"bodyBytes\": 64, \"startDateTime\": \"2024-01-01T00:00:00Z\"}");
        List<String> ids = generated
                .json()
                .path("ids")
                .valueStream()
                .map(JsonNode::asString)
                .toList();
        String[] prefer = {"Prefer", "odata.maxpagesize=1000"};

        var filtered = follow(
                http.getWithHeaders(
                                DELTA + "?$select=subject&$filter=receivedDateTime%20ge%202023-01-01T00:00:00Z", prefer)
                        .json(),
                prefer);
        var unfiltered =
                follow(http.getWithHeaders(DELTA + "?$select=subject", prefer).json(), prefer);

        assertThat(filtered.ids()).hasSize(5000).containsExactlyInAnyOrderElementsOf(ids.subList(50, 5050));
        assertThat(filtered.deltaLink()).contains("$deltatoken=");
        assertThat(unfiltered.ids()).hasSize(5050);
    }

    @Test
    void rendersMessagesWithGraphsProperties() {
        generate(1);

        var message = http.get(DELTA).json().path("value").get(0);

        assertThat(message.propertyNames())
                .contains(
                        "@odata.type",
                        "@odata.etag",
                        "id",
                        "subject",
                        "from",
                        "sender",
                        "toRecipients",
                        "ccRecipients",
                        "bccRecipients",
                        "replyTo",
                        "receivedDateTime",
                        "sentDateTime",
                        "conversationId",
                        "internetMessageId",
                        "parentFolderId",
                        "bodyPreview",
                        "body",
                        "importance",
                        "isRead",
                        "isDraft",
                        "hasAttachments",
                        "categories",
                        "flag",
                        "webLink",
                        "changeKey",
                        "lastModifiedDateTime")
                .doesNotContain("attachments");
        assertThat(message.path("@odata.etag").asString())
                .isEqualTo("W/\"" + message.path("changeKey").asString() + "\"");
        assertThat(message.path("parentFolderId").asString()).isEqualTo(Folder.INBOX.id());
        assertThat(message.path("flag").path("flagStatus").asString()).isIn("notFlagged", "flagged");
        assertThat(message.path("body").path("content").asString().length()).isBetween(3900, 4100);
    }

    @Test
    void countsRoundsWithAndWithoutATokenAndImmutableIdPreferences() {
        generate(25);
        var first = http.getWithHeaders(DELTA, "Prefer", "odata.maxpagesize=10", "Prefer", "IdType=\"ImmutableId\"")
                .json();
        String deltaLink = follow(first, "Prefer", "odata.maxpagesize=10, IdType=\"ImmutableId\"")
                .deltaLink();

        var next = http.getAbsolute(deltaLink, "Prefer", "odata.maxpagesize=100, IdType=\"ImmutableId\"");

        assertThat(next.header("Preference-Applied")).contains("odata.maxpagesize=100");
        var stats = stats();
        assertThat(stats.path("initialRounds").asLong()).isEqualTo(1);
        assertThat(stats.path("tokenRounds").asLong()).isEqualTo(1);
        assertThat(stats.path("pages").asLong()).isEqualTo(4);
        assertThat(stats.path("immutableIdRequests").asLong()).isEqualTo(4);
        assertThat(stats.path("expiredTokens").asLong()).isZero();
    }

    @Test
    void servesTheTokensMailboxOnMeAndRefusesUnknownFolders() {
        http.post("/_sim/mailboxes/me@graphmail.local/messages", "{\"subject\": \"mine\"}");

        var page = http.get("/v1.0/me/mailFolders/Inbox/messages/delta").json();

        assertThat(page.path("value").get(0).path("subject").asString()).isEqualTo("mine");
        assertThat(page.path("@odata.deltaLink").asString()).startsWith(http.base() + "/v1.0/me/mailFolders/Inbox");
        assertThat(http.get("/v1.0/me/mailFolders/archive/messages/delta").errorCode())
                .isEqualTo("ErrorItemNotFound");
    }

    private List<String> generate(int count) {
        var generated = http.post(
                "/_sim/mailboxes/" + MAILBOX + "/messages/generate", "{\"count\": " + count + ", \"seed\": 7}");
        assertThat(generated.status()).isEqualTo(201);
        return generated
                .json()
                .path("ids")
                .valueStream()
                .map(JsonNode::asString)
                .toList();
    }

    private String seed(String message) {
        return http.post("/_sim/mailboxes/" + MAILBOX + "/messages", message)
                .json()
                .path("id")
                .asString();
    }

    private static String messagePath(String id) {
        return "/_sim/mailboxes/" + MAILBOX + "/messages/" + id;
    }

    private JsonNode stats() {
        return http.get("/_sim/mailboxes/" + MAILBOX + "/delta/stats").json();
    }

    /** Follows next links from {@code first} to the end of the round, sending {@code headers} on each request. */
    private Round follow(JsonNode first, String... headers) {
        var pages = new ArrayList<JsonNode>(List.of(first));
        while (pages.get(pages.size() - 1).has("@odata.nextLink")) {
            SimulatorHttp.Response next = http.getAbsolute(
                    pages.get(pages.size() - 1).path("@odata.nextLink").asString(), headers);
            assertThat(next.status()).isEqualTo(200);
            pages.add(next.json());
        }
        return new Round(pages);
    }

    private static List<String> ids(JsonNode page) {
        return page.path("value")
                .valueStream()
                .map(item -> item.path("id").asString())
                .toList();
    }

    private static Map<String, String> removals(Round round) {
        return round.items().stream()
                .filter(item -> item.has("@removed"))
                .collect(Collectors.toMap(
                        item -> item.path("id").asString(),
                        item -> item.path("@removed").path("reason").asString()));
    }

    record Round(List<JsonNode> pages) {

        List<JsonNode> items() {
            return pages.stream()
                    .flatMap(page -> page.path("value").valueStream())
                    .toList();
        }

        List<String> ids() {
            return items().stream().map(item -> item.path("id").asString()).toList();
        }

        List<Integer> pageSizes() {
            return pages.stream().map(page -> page.path("value").size()).toList();
        }

        String deltaLink() {
            return pages.get(pages.size() - 1).path("@odata.deltaLink").asString();
        }
    }
}

package io.graphmail.gateway.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.gateway.Api;
import io.graphmail.gateway.OwnAccountTests;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;
import tools.jackson.databind.JsonNode;

/** The read-only message API over documents and GridFS files stored as the mail worker stores them. */
class MessagesIntegrationTests extends OwnAccountTests {

    static final Instant T = Instant.parse("2025-03-01T10:00:00Z");

    @Autowired
    MongoDatabaseFactory mongoFactory;

    MessagesIntegrationTests() {
        super("archive");
    }

    @Test
    void listsNewestFirstWithoutBodiesAndShowsOneMessageInFull() {
        String olderId = UUID.nameUUIDFromBytes((accountId + "\nAAMk-older").getBytes(StandardCharsets.UTF_8))
                .toString();
        insert(message("older", T)
                .append("_id", olderId)
                .append("hasAttachments", true)
                .append("attachments", List.of(attachment("att-1", null))));
        insert(message("newer", T.plusSeconds(60)));

        var page = list("");

        assertThat(page.status()).isEqualTo(200);
        assertThat(ids(page)).containsExactly("newer", olderId);
        assertThat(page.json().get("nextCursor").isNull()).isTrue();
        assertThat(page.header("Link")).isNull();
        JsonNode item = page.json().get("items").get(1);
        assertThat(item.has("body")).isFalse();
        assertThat(item.get("accountId").asString()).isEqualTo(accountId);
        assertThat(item.get("folder").asString()).isEqualTo("inbox");
        assertThat(item.get("folderName").asString()).isEqualTo("Inbox");
        assertThat(item.get("from").get("address").asString()).isEqualTo("someone@example.com");
        assertThat(item.get("to").get(0).get("address").asString()).isEqualTo("me@example.com");
        assertThat(item.get("receivedDateTime").asString()).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(item.get("isRead").asBoolean()).isFalse();
        assertThat(item.get("hasAttachments").asBoolean()).isTrue();
        assertThat(item.get("flag").asString()).isEqualTo("notFlagged");
        assertThat(item.get("categories").get(0).asString()).isEqualTo("Blue");
        assertThat(item.has("deletedAt")).isTrue();
        assertThat(item.get("deletedAt").isNull()).isTrue();
        JsonNode attachment = item.get("attachments").get(0);
        assertThat(attachment.get("id").asString()).isEqualTo("att-1");
        assertThat(attachment.get("size").asLong()).isEqualTo(1234);
        assertThat(attachment.get("isInline").asBoolean()).isFalse();
        assertThat(attachment.get("downloadable").asBoolean()).isFalse();

        var full = api.get("/api/v1/messages/" + olderId);
        assertThat(full.status()).isEqualTo(200);
        assertThat(full.json().get("body").get("contentType").asString()).isEqualTo("html");
        assertThat(full.json().get("body").get("content").asString()).isEqualTo("<p>Body of older</p>");
        assertThat(full.json().get("subject").asString()).isEqualTo("Subject of older");
    }

    @Test
    void filtersEachOnItsOwnAndCombinedWithAnd() {
        insertFilterFixture();

        assertThat(listIds("")).containsExactly("m5", "m4", "m2", "m1");
        assertThat(listIds("includeDeleted=true")).containsExactly("m5", "m4", "m3", "m2", "m1");
        assertThat(listIds("includeDeleted=false")).containsExactly("m5", "m4", "m2", "m1");
        assertThat(listIds("from=ADA@example.COM")).containsExactly("m1");
        assertThat(listIds("from=ada@example.com&includeDeleted=true")).containsExactly("m3", "m1");
        assertThat(list("includeDeleted=true&subject=old")
                        .json()
                        .get("items")
                        .get(0)
                        .get("deletedAt")
                        .asString())
                .isEqualTo("2025-03-03T10:00:00Z");
        assertThat(listIds("to=bob@EXAMPLE.com")).containsExactly("m2", "m1");
        assertThat(listIds("to=erin@example.com")).containsExactly("m4");
        assertThat(listIds("subject=REPORT")).containsExactly("m1");
        assertThat(listIds("subject=" + encode("(Q3)"))).containsExactly("m1");
        assertThat(listIds("subject=a.b")).containsExactly("m4");
        assertThat(listIds("q=quarterly")).containsExactly("m4", "m1");
        assertThat(listIds("folder=sentitems")).containsExactly("m2");
        assertThat(listIds("folder=" + encode("sent items"))).containsExactly("m2");
        assertThat(listIds("folder=Archive")).containsExactly("m4");
        assertThat(listIds("conversationId=conv-1")).containsExactly("m2", "m1");
        assertThat(listIds("hasAttachments=true")).containsExactly("m1");
        assertThat(listIds("hasAttachments=false")).containsExactly("m5", "m4", "m2");
        assertThat(listIds("isRead=true")).containsExactly("m2");
        assertThat(listIds("isRead=FALSE")).containsExactly("m5", "m4", "m1");
        assertThat(listIds("receivedAfter=2025-03-01T12:00:00Z&receivedBefore=2025-03-01T14:00:00Z"))
                .as("after is inclusive, before exclusive")
                .containsExactly("m2");
        assertThat(listIds("receivedAfter=2025-03-01T13:00:00%2B01:00")).containsExactly("m5", "m4", "m2");
        assertThat(listIds(
                        "receivedAfter=2025-03-01T12:00:00Z&includeDeleted=true&receivedBefore=2025-03-01T14:00:00Z"))
                .containsExactly("m3", "m2");
        assertThat(listIds(
                        "from=ada@example.com&subject=report&includeDeleted=true&receivedBefore=2025-03-01T13:00:00Z"))
                .containsExactly("m1");
        assertThat(listIds("q=plan&folder=inbox")).containsExactly("m5");
        assertThat(listIds("to=bob@example.com&isRead=true&conversationId=conv-1"))
                .containsExactly("m2");
        assertThat(listIds("from=nobody@example.com")).isEmpty();
    }

    @Test
    void sortsByReceivedDateTimeEitherWay() {
        insertFilterFixture();

        assertThat(listIds("sort=receivedDateTime,asc")).containsExactly("m1", "m2", "m4", "m5");
        assertThat(listIds("sort=receivedDateTime,desc")).containsExactly("m5", "m4", "m2", "m1");
    }

    @Test
    void walksAllPagesOnceEachInOrderFollowingTheLinkHeader() {
        List<String> expected = idsInOrder(insertMany(250, "w"), true);

        List<String> walked = new ArrayList<>();
        String path = "/api/v1/accounts/" + accountId + "/messages?limit=40";
        int pages = 0;
        while (path != null) {
            var page = api.get(path);
            assertThat(page.status()).isEqualTo(200);
            walked.addAll(ids(page));
            pages++;
            path = nextLink(page);
            assertThat(path == null).isEqualTo(page.json().get("nextCursor").isNull());
        }

        assertThat(pages).isEqualTo(7);
        assertThat(walked).containsExactlyElementsOf(expected);
    }

    @Test
    void walksAscendingWithTheCursorAlone() {
        List<String> expected = idsInOrder(insertMany(250, "a"), false);

        var page = list("sort=receivedDateTime,asc&limit=40");
        List<String> walked = new ArrayList<>(ids(page));
        while (page.text("nextCursor") != null) {
            page = list("limit=40&cursor=" + page.text("nextCursor"));
            assertThat(page.status()).isEqualTo(200);
            walked.addAll(ids(page));
        }

        assertThat(walked).containsExactlyElementsOf(expected);
    }

    @Test
    void messagesArrivingDuringAWalkCauseNoDuplicatesOrGaps() {
        List<String> originals = idsInOrder(insertMany(250, "orig"), true);

        List<String> walked = new ArrayList<>();
        var page = list("limit=40");
        walked.addAll(ids(page));
        int round = 0;
        while (page.text("nextCursor") != null) {
            round++;
            for (int i = 0; i < 5; i++) {
                insert(message(
                        "z-new-" + round + "-" + i, T.plus(Duration.ofDays(1)).plusSeconds(round)));
                insert(message("backfill-" + round + "-" + i, T.minus(Duration.ofDays(1))));
            }
            page = list("limit=40&cursor=" + page.text("nextCursor"));
            walked.addAll(ids(page));
        }

        assertThat(new HashSet<>(walked)).hasSameSizeAs(walked);
        assertThat(walked).noneMatch(id -> id.startsWith("z-new-"));
        assertThat(walked.stream().filter(id -> id.startsWith("orig-")).toList())
                .containsExactlyElementsOf(originals);
        assertThat(walked.subList(0, 250)).containsExactlyElementsOf(originals);
    }

    @ParameterizedTest
    @CsvSource({
        "limit, limit=0",
        "limit, limit=500",
        "limit, limit=ten",
        "receivedAfter, receivedAfter=yesterday",
        "receivedBefore, receivedBefore=2025-13-01T00:00:00Z",
        "sort, sort=subject%2Casc",
        "cursor, cursor=not-a-cursor",
        "isRead, isRead=maybe",
        "hasAttachments, hasAttachments=1",
        "includeDeleted, includeDeleted=yes"
    })
    void answers400NamingTheBadParameter(String parameter, String query) {
        var response = list(query);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.text("type")).isEqualTo("https://graphmail.io/problems/validation");
        assertThat(response.json().get("errors")).hasSize(1);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(parameter);
        assertThat(response.text("detail")).startsWith(parameter + ": ");
    }

    @Test
    void namesEveryBadParameterAtOnce() {
        var response = list("limit=0&isRead=maybe&receivedAfter=soon");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("limit", "isRead", "receivedAfter");
    }

    @Test
    void refusesACursorWithOtherFiltersOrTheOtherSortDirection() {
        insertMany(5, "c");
        String cursor = list("limit=2&hasAttachments=false").text("nextCursor");
        assertThat(cursor).isNotNull();

        var otherFilters = list("limit=2&hasAttachments=true&cursor=" + cursor);
        var otherSort = list("limit=2&hasAttachments=false&sort=receivedDateTime,asc&cursor=" + cursor);
        var same = list("limit=2&hasAttachments=false&cursor=" + cursor);

        assertThat(otherFilters.status()).isEqualTo(400);
        assertThat(otherFilters.json().get("errors").get(0).get("field").asString())
                .isEqualTo("cursor");
        assertThat(otherSort.status()).isEqualTo(400);
        assertThat(otherSort.json().get("errors").get(0).get("field").asString())
                .isEqualTo("cursor");
        assertThat(same.status()).isEqualTo(200);
    }

    @Test
    void answers404ForUnknownAccountsAndMessages() {
        var account = api.get("/api/v1/accounts/no-such-account/messages");
        var message = api.get("/api/v1/messages/no-such-message");
        var attachment = api.get("/api/v1/messages/no-such-message/attachments/att-1");

        assertThat(account.status()).isEqualTo(404);
        assertThat(account.header("Content-Type")).startsWith("application/problem+json");
        assertThat(account.text("type")).isEqualTo("https://graphmail.io/problems/account-not-found");
        assertThat(message.status()).isEqualTo(404);
        assertThat(message.header("Content-Type")).startsWith("application/problem+json");
        assertThat(message.text("type")).isEqualTo("https://graphmail.io/problems/message-not-found");
        assertThat(attachment.status()).isEqualTo(404);
        assertThat(attachment.text("type")).isEqualTo("https://graphmail.io/problems/message-not-found");
    }

    @Test
    void downloadsExactlyTheStoredBytesWithTheirTypeAndName() throws Exception {
        String messageId = idOf("with-attachments");
        byte[] content = new byte[600_000];
        new Random(42).nextBytes(content);
        ObjectId fileId = attachmentsBucket()
                .store(
                        new ByteArrayInputStream(content),
                        "report \"Q3\".pdf",
                        "application/pdf",
                        new Document("accountId", accountId)
                                .append("messageId", messageId)
                                .append("attachmentId", "att-pdf")
                                .append("contentType", "application/pdf"));
        insert(message(nameOf(messageId), T)
                .append(
                        "attachments",
                        List.of(
                                attachment("att-pdf", fileId)
                                        .append("name", "report \"Q3\".pdf")
                                        .append("contentType", "application/pdf")
                                        .append("size", content.length),
                                attachment("att-big", null).append("name", "video.mp4"),
                                attachment("att-lost", new ObjectId()))));

        HttpResponse<byte[]> download = download("/api/v1/messages/" + messageId + "/attachments/att-pdf");

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(content);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(download.headers().firstValue("Content-Length")).hasValue(String.valueOf(content.length));
        assertThat(download.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"report \\\"Q3\\\".pdf\"");
        JsonNode attachments = api.get("/api/v1/messages/" + messageId).json().get("attachments");
        assertThat(attachments.findValues("downloadable").stream().map(JsonNode::asBoolean))
                .containsExactly(true, false, true);
    }

    @Test
    void answers404ForAttachmentsNotStoredOrUnknown() {
        String messageId = idOf("with-big-attachment");
        insert(message(nameOf(messageId), T)
                .append("attachments", List.of(attachment("att-big", null), attachment("att-lost", new ObjectId()))));

        var notStored = api.get("/api/v1/messages/" + messageId + "/attachments/att-big");
        var lost = api.get("/api/v1/messages/" + messageId + "/attachments/att-lost");
        var unknown = api.get("/api/v1/messages/" + messageId + "/attachments/att-nope");

        assertThat(notStored.status()).isEqualTo(404);
        assertThat(notStored.header("Content-Type")).startsWith("application/problem+json");
        assertThat(notStored.text("type")).isEqualTo("https://graphmail.io/problems/attachment-not-stored");
        assertThat(notStored.text("detail")).contains("att-big").contains("not archived");
        assertThat(lost.status()).isEqualTo(404);
        assertThat(lost.text("type")).isEqualTo("https://graphmail.io/problems/attachment-not-stored");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("type")).isEqualTo("https://graphmail.io/problems/attachment-not-found");
    }

    @Test
    void describesTheEndpointsInOpenApi() {
        var docs = api.get("/v3/api-docs");

        JsonNode list = docs.json()
                .get("paths")
                .get("/api/v1/accounts/{accountId}/messages")
                .get("get");
        assertThat(list.get("parameters").findValuesAsString("name"))
                .contains("accountId", "from", "to", "q", "receivedAfter", "includeDeleted", "sort", "limit", "cursor");
        assertThat(docs.json().get("paths").has("/api/v1/messages/{id}/attachments/{attachmentId}"))
                .isTrue();
    }

    private void insertFilterFixture() {
        insert(message("m1", T.plus(Duration.ofHours(1)))
                .append("from", address("Ada@Example.com"))
                .append("to", List.of(address("bob@example.com")))
                .append("subject", "Quarterly report (Q3)")
                .append("bodyPreview", "Numbers attached")
                .append("conversationId", "conv-1")
                .append("hasAttachments", true));
        insert(message("m2", T.plus(Duration.ofHours(2)))
                .append("from", address("carl@example.com"))
                .append("to", List.of(address("ada@example.com")))
                .append("cc", List.of(address("Bob@Example.com")))
                .append("subject", "Lunch?")
                .append("bodyPreview", "Are you free")
                .append("folder", "sentitems")
                .append("folderName", "Sent Items")
                .append("conversationId", "conv-1")
                .append("isRead", true)
                .append("deletedAt", null));
        insert(message("m3", T.plus(Duration.ofHours(3)))
                .append("from", address("ada@example.com"))
                .append("subject", "Old report")
                .append("deletedAt", Date.from(T.plus(Duration.ofDays(2)))));
        insert(message("m4", T.plus(Duration.ofHours(4)))
                .append("from", address("dora@example.com"))
                .append("bcc", List.of(address("erin@example.com")))
                .append("subject", "a.b plan")
                .append("bodyPreview", "QUARTERLY numbers again")
                .append("folder", "archive")
                .append("folderName", "Archive")
                .append("conversationId", "conv-2"));
        insert(message("m5", T.plus(Duration.ofHours(5)))
                .append("from", address("ada@example.community"))
                .append("subject", "axb plan"));
    }

    /** Messages with receivedDateTime ties in threes, so that pages also split between equal times. */
    /** Ids are unique per test: the account id, then the message's name within the test. */
    private String idOf(String name) {
        return accountId + ":" + name;
    }

    private String nameOf(String id) {
        return id.startsWith(accountId + ":") ? id.substring(accountId.length() + 1) : id;
    }

    private List<Document> insertMany(int count, String prefix) {
        List<Document> documents = IntStream.range(0, count)
                .mapToObj(i -> message(prefix + "-" + UUID.randomUUID(), T.plus(Duration.ofMinutes(i / 3))))
                .toList();
        mongo.insert(documents, "messages");
        return documents;
    }

    /** The ids ordered by receivedDateTime, then id (ASCII ids order as MongoDB orders strings). */
    private List<String> idsInOrder(List<Document> documents, boolean descending) {
        Comparator<Document> order = Comparator.<Document, Date>comparing(
                        document -> document.getDate("receivedDateTime"))
                .thenComparing(document -> document.getString("_id"));
        return documents.stream()
                .sorted(descending ? order.reversed() : order)
                .map(document -> nameOf(document.getString("_id")))
                .toList();
    }

    /** A message document exactly as the mail worker stores it (README, "Stored mail"). */
    private Document message(String name, Instant received) {
        return new Document("_id", idOf(name))
                .append("accountId", accountId)
                .append("graphId", "AAMk-" + name)
                .append("folder", "inbox")
                .append("folderName", "Inbox")
                .append("parentFolderId", "AAMk-inbox")
                .append("subject", "Subject of " + name)
                .append("from", address("someone@example.com"))
                .append("sender", address("someone@example.com"))
                .append("to", List.of(address("me@example.com")))
                .append("cc", List.of())
                .append("bcc", List.of())
                .append("replyTo", List.of())
                .append("receivedDateTime", Date.from(received))
                .append("sentDateTime", Date.from(received.minusSeconds(5)))
                .append("conversationId", "conv-" + name)
                .append("internetMessageId", "<" + name + "@example.com>")
                .append("bodyPreview", "Preview of " + name)
                .append("body", new Document("contentType", "html").append("content", "<p>Body of " + name + "</p>"))
                .append("importance", "normal")
                .append("isRead", false)
                .append("isDraft", false)
                .append("hasAttachments", false)
                .append("categories", List.of("Blue"))
                .append("flag", "notFlagged")
                .append("webLink", "https://outlook.office365.com/owa/?ItemID=" + name)
                .append("attachments", List.of())
                .append("syncedAt", Date.from(received.plusSeconds(60)));
    }

    private static Document attachment(String id, ObjectId content) {
        return new Document("id", id)
                .append("name", id + ".bin")
                .append("contentType", "application/octet-stream")
                .append("size", 1234)
                .append("isInline", false)
                .append("contentId", content == null ? null : content.toHexString());
    }

    private static Document address(String address) {
        return new Document("name", address.substring(0, address.indexOf('@'))).append("address", address);
    }

    private void insert(Document message) {
        mongo.insert(message, "messages");
    }

    private GridFsTemplate attachmentsBucket() {
        return new GridFsTemplate(mongoFactory, mongo.getConverter(), "attachments");
    }

    private Api.Response list(String query) {
        return api.get("/api/v1/accounts/" + accountId + "/messages?" + query);
    }

    private List<String> listIds(String query) {
        var page = list(query);
        assertThat(page.status()).as(query).isEqualTo(200);
        return ids(page);
    }

    private List<String> ids(Api.Response page) {
        return StreamSupport.stream(page.json().get("items").spliterator(), false)
                .map(item -> nameOf(item.get("id").asString()))
                .toList();
    }

    /** The path of the Link rel="next" target, or null. */
    private static String nextLink(Api.Response page) {
        String link = page.header("Link");
        if (link == null) {
            return null;
        }
        assertThat(link).endsWith(">; rel=\"next\"");
        URI target = URI.create(link.substring(1, link.indexOf('>')));
        return target.getRawPath() + "?" + target.getRawQuery();
    }

    private HttpResponse<byte[]> download(String path) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer test-key-2")
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

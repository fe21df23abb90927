package io.graphmail.worker.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graphmail.worker.graph.MailboxReader.ChangedMessage;
import io.graphmail.worker.graph.MailboxReader.DeltaPage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Delta pages read raw give exactly what reading them through the Graph SDK's models gave. */
class DeltaPageJsonTests {

    @Test
    void storesEveryFieldOfEveryMessageAsTheSdksModelsDid() throws IOException {
        String json = resource("every-field.json");

        DeltaPage raw = DeltaPageJson.read(stream(json));
        DeltaPage sdk = SdkDeltaPages.read(json);

        assertThat(raw.changed()).extracting(ChangedMessage::id).containsExactlyElementsOf(ids(sdk));
        for (int i = 0; i < raw.changed().size(); i++) {
            Document rawFields = raw.changed().get(i).fields();
            Document sdkFields = sdk.changed().get(i).fields();
            assertThat(rawFields).isEqualTo(sdkFields);
            // Same order and BSON types as well, as they are written to MongoDB.
            assertThat(rawFields.toJson()).isEqualTo(sdkFields.toJson());
        }
        assertThat(raw.removedIds()).isEqualTo(sdk.removedIds());
        assertThat(raw.nextLink()).isEqualTo(sdk.nextLink());
        assertThat(raw.deltaLink()).isEqualTo(sdk.deltaLink());
    }

    @Test
    void readsWhatTheFixtureHolds() throws IOException {
        DeltaPage page = DeltaPageJson.read(stream(resource("every-field.json")));

        assertThat(page.changed())
                .extracting(ChangedMessage::id)
                .containsExactly("AAMkAGI2THVSAAA=", "AAMkAGI2Plain=", "AAMkAGI2Odd=", "AAMkAGI2Invite=");
        assertThat(page.removedIds()).containsExactly("AAMkAGI2Gone=", "AAMkAGI2Moved=");
        assertThat(page.nextLink()).endsWith("$skiptoken=abc%3D%3D");
        assertThat(page.deltaLink()).isNull();

        Document full = page.changed().get(0).fields();
        assertThat(full.keySet())
                .containsExactly(
                        "parentFolderId",
                        "subject",
                        "from",
                        "sender",
                        "to",
                        "cc",
                        "bcc",
                        "replyTo",
                        "receivedDateTime",
                        "sentDateTime",
                        "conversationId",
                        "internetMessageId",
                        "bodyPreview",
                        "body",
                        "importance",
                        "isRead",
                        "isDraft",
                        "hasAttachments",
                        "categories",
                        "flag",
                        "webLink");
        assertThat(page.changed().get(0).hasAttachments()).isTrue();
        assertThat(full.get("from")).isEqualTo(address("Alice Example", "alice@example.com"));
        assertThat(full.getList("to", Document.class))
                .containsExactly(address("Bob", "bob@example.com"), address(null, "carol@example.com"));
        assertThat(full.getList("cc", Document.class)).containsExactly(address("Dan", "dan@example.org"));
        assertThat(full.getDate("receivedDateTime")).isEqualTo(Date.from(Instant.parse("2026-11-02T08:00:00.123Z")));
        assertThat(full.getDate("sentDateTime")).isEqualTo(Date.from(Instant.parse("2026-11-02T07:59:59Z")));
        assertThat(full.get("body", Document.class).getString("contentType")).isEqualTo("html");
        assertThat(full.getString("subject")).isEqualTo("Quarterly report été \"draft\" 📈");
        assertThat(full.getString("bodyPreview")).isEqualTo("Hi Bob,\r\nPlease find the report attached.");
        assertThat(full.getList("categories", String.class)).containsExactly("Blue category", "Red category");
        assertThat(full.getString("flag")).isEqualTo("flagged");
        assertThat(full.getString("importance")).isEqualTo("high");
        assertThat(full.getBoolean("isRead")).isTrue();

        Document odd = page.changed().get(2).fields();
        assertThat(odd.get("importance")).isNull();
        assertThat(odd.get("body", Document.class).getString("contentType")).isEqualTo("text");
        assertThat(odd.getBoolean("hasAttachments")).isFalse();
    }

    @Test
    void aLastPageCarriesTheNextRoundsLink() throws IOException {
        String json = resource("last-page.json");

        DeltaPage page = DeltaPageJson.read(stream(json));

        assertThat(page).isEqualTo(SdkDeltaPages.read(json));
        assertThat(page.changed()).isEmpty();
        assertThat(page.nextLink()).isNull();
        assertThat(page.deltaLink()).endsWith("$deltatoken=xyz");
    }

    @Test
    void readsDateTimesAsOffsetDateTimeParseDoes() {
        for (String value : List.of(
                "2026-11-02T08:00:00Z",
                "2026-11-02T08:00:00.1Z",
                "2026-11-02T08:00:00.123456Z",
                "2026-11-02T08:00:00.0000000Z",
                "2026-11-02T08:00:00.123456789Z",
                "2024-02-29T23:59:59Z",
                "0001-01-01T00:00:00Z",
                "2026-11-02T09:59:59+02:00",
                "2026-11-02T08:00:00.5-05:30",
                "+12026-11-02T08:00:00Z",
                "2026-11-02t08:00:00z",
                "2026-11-02T08:00:00.Z",
                "2026-11-02T08:00Z")) {
            assertThat(DeltaPageJson.instant(value))
                    .as(value)
                    .isEqualTo(OffsetDateTime.parse(value).toInstant());
        }
        for (String value : List.of(
                "2023-02-29T00:00:00Z",
                "2026-13-02T08:00:00Z",
                "2026-11-02T24:00:00Z",
                "2026-11-02T08:00:60Z",
                "2026-11-02T08:00:00.1234567890Z",
                "2026-1x-02T08:00:00Z",
                "2026-11-0208:00:00Z")) {
            assertThatThrownBy(() -> DeltaPageJson.instant(value)).as(value).isInstanceOf(DateTimeParseException.class);
        }
    }

    private static Document address(String name, String address) {
        return new Document("name", name).append("address", address);
    }

    private static List<String> ids(DeltaPage page) {
        return page.changed().stream().map(ChangedMessage::id).toList();
    }

    private static InputStream stream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DeltaPageJsonTests.class.getResourceAsStream("/delta/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

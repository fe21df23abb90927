package io.graphmail.simulator.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.simulator.SimulatorTests;
import io.graphmail.simulator.mailbox.Folder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MessageListingTests extends SimulatorTests {

    static final Instant FIRST = Instant.parse("2024-05-01T10:00:00Z");

    @Test
    void seedsOneMessageAndFillsInWhatGraphWouldGenerate() {
        var seeded = http.post("/_sim/mailboxes/u@x.io/messages", "{\"subject\": \"Hello\"}");

        assertThat(seeded.status()).isEqualTo(201);
        var message = seeded.json();
        assertThat(message.path("id").asString()).isNotBlank();
        assertThat(message.path("receivedDateTime").asString()).isNotBlank();
        assertThat(message.path("internetMessageId").asString()).isNotBlank();
        assertThat(message.path("isRead").isBoolean()).isTrue();
        assertThat(message.path("hasAttachments").isBoolean()).isTrue();
        assertThat(message.path("parentFolderId").asString()).isEqualTo(Folder.INBOX.id());
        assertThat(message.path("toRecipients").isArray()).isTrue();
    }

    @Test
    void pagesNewestFirstWithAnAbsoluteNextLink() {
        seed("u@x.io", 5);

        var first = http.get("/v1.0/users/u@x.io/messages?$top=2");

        assertThat(subjects(first.json())).containsExactly("m4", "m3");
        String next = first.json().path("@odata.nextLink").asString();
        assertThat(next).startsWith(http.base() + "/v1.0/users/").contains("%24top=2", "%24skip=2");
        assertThat(first.json().path("@odata.context").asString()).startsWith(http.base() + "/v1.0/$metadata");

        var subjects = new ArrayList<>(subjects(first.json()));
        JsonNode page = first.json();
        while (page.has("@odata.nextLink")) {
            page = http.getAbsolute(page.path("@odata.nextLink").asString()).json();
            subjects.addAll(subjects(page));
        }
        assertThat(subjects).containsExactly("m4", "m3", "m2", "m1", "m0");
    }

    @Test
    void returnsTenMessagesPerPageByDefault() {
        seed("u@x.io", 12);

        var page = http.get("/v1.0/users/u@x.io/messages").json();

        assertThat(page.path("value")).hasSize(10);
        assertThat(page.has("@odata.nextLink")).isTrue();
    }

    @Test
    void filtersByReceivedDateTimeRangeAndKeepsTheFilterInTheNextLink() {
        seed("u@x.io", 6);
        String from = FIRST.plus(1, ChronoUnit.HOURS).toString();
        String to = FIRST.plus(4, ChronoUnit.HOURS).toString();

        var page = http.get("/v1.0/users/u@x.io/messages?$top=2&$orderby=receivedDateTime%20asc"
                        + "&$filter=receivedDateTime%20ge%20" + from + "%20and%20receivedDateTime%20lt%20" + to)
                .json();

        assertThat(subjects(page)).containsExactly("m1", "m2");
        var rest = http.getAbsolute(page.path("@odata.nextLink").asString()).json();
        assertThat(subjects(rest)).containsExactly("m3");
        assertThat(rest.has("@odata.nextLink")).isFalse();
    }

    @Test
    void rejectsFiltersItDoesNotUnderstand() {
        var response = http.get("/v1.0/users/u@x.io/messages?$filter=subject%20eq%20'x'");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("ErrorInvalidUrlQueryFilter");
    }

    @Test
    void selectsRequestedPropertiesAndAlwaysTheId() {
        seed("u@x.io", 1);

        var message = http.get("/v1.0/users/u@x.io/messages?$select=subject,receivedDateTime")
                .json()
                .path("value")
                .get(0);

        assertThat(message.propertyNames()).containsExactlyInAnyOrder("id", "subject", "receivedDateTime");
    }

    @Test
    void listsAFolderByItsWellKnownName() {
        seed("u@x.io", 2);
        http.post("/_sim/mailboxes/u@x.io/messages?folder=sentitems", "{\"subject\": \"sent\"}");

        assertThat(subjects(http.get("/v1.0/users/u@x.io/mailFolders/Inbox/messages")
                        .json()))
                .containsExactlyInAnyOrder("m0", "m1");
        assertThat(subjects(http.get("/v1.0/users/u@x.io/mailFolders/sentitems/messages")
                        .json()))
                .containsExactly("sent");
        assertThat(subjects(http.get("/v1.0/users/u@x.io/messages").json())).hasSize(3);
        assertThat(http.get("/v1.0/users/u@x.io/mailFolders/archive/messages").errorCode())
                .isEqualTo("ErrorItemNotFound");
    }

    @Test
    void findsOneMessageByIdInAMailboxNamedInAnyCase() {
        String id = http.post("/_sim/mailboxes/U@X.io/messages", "{\"subject\": \"one\"}")
                .json()
                .path("id")
                .asString();

        var found = http.get("/v1.0/users/u@x.IO/messages/" + id);
        var missing = http.get("/v1.0/users/u@x.io/messages/AAMkmissing");

        assertThat(found.json().path("subject").asString()).isEqualTo("one");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo("ErrorItemNotFound");
    }

    @Test
    void servesTheTokensMailboxOnMe() {
        http.post("/_sim/mailboxes/me@graphmail.local/messages", "{\"subject\": \"mine\"}");

        assertThat(subjects(http.get("/v1.0/me/messages").json())).containsExactly("mine");
    }

    @Test
    void seedsManyMessagesFromAnArray() {
        var response = http.post(
                "/_sim/mailboxes/u@x.io/messages", "[{\"subject\": \"a\"}, {\"id\": \"fixed\", \"subject\": \"b\"}]");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json()).hasSize(2);
        assertThat(response.json().get(1).path("id").asString()).isEqualTo("fixed");
    }

    @Test
    void keepsFilingOrderAmongMessagesReceivedInTheSameSecond() {
        http.post(
                "/_sim/mailboxes/u@x.io/messages",
                "[{\"subject\": \"a\"}, {\"subject\": \"b\"}, {\"subject\": \"c\"}]");

        assertThat(subjects(http.get("/v1.0/users/u@x.io/messages").json())).containsExactly("c", "b", "a");
        assertThat(subjects(http.get("/v1.0/users/u@x.io/messages?$orderby=receivedDateTime%20asc")
                        .json()))
                .containsExactly("a", "b", "c");
    }

    private void seed(String mailbox, int count) {
        String messages = IntStream.range(0, count)
                .mapToObj(i -> """
                        {"subject": "m%d", "receivedDateTime": "%s",
                         "from": {"emailAddress": {"address": "sender@x.io"}},
                         "body": {"contentType": "text", "content": "body %d"}}""".formatted(i, FIRST.plus(i, ChronoUnit.HOURS), i))
                .collect(Collectors.joining(",", "[", "]"));
        assertThat(http.post("/_sim/mailboxes/" + mailbox + "/messages", messages)
                        .status())
                .isEqualTo(201);
    }

    private static List<String> subjects(JsonNode page) {
        return page.path("value")
                .valueStream()
                .map(m -> m.path("subject").asString())
                .toList();
    }
}

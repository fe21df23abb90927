package io.graphmail.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.microsoft.graph.models.FileAttachment;
import com.microsoft.graph.models.FollowupFlagStatus;
import com.microsoft.graph.models.Importance;
import com.microsoft.graph.models.Message;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.mailfolders.item.messages.delta.DeltaGetResponse;
import com.microsoft.graph.users.item.mailfolders.item.messages.delta.DeltaRequestBuilder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A mailbox folder synchronized through the Graph SDK's own delta request builders, as a mail worker does. */
class GraphSdkDeltaTests extends SimulatorTests {

    static final String MAILBOX = "sync@x.io";

    GraphServiceClient graph;

    @BeforeEach
    void setUp() {
        graph = SdkClients.forSimulator(port);
    }

    @Test
    void synchronizesAFolderInPagesAndThenOnlyItsChanges() {
        List<String> generated = generate(120);

        Round first = sync(null);

        assertThat(first.pageSizes()).containsExactly(50, 50, 20);
        assertThat(first.messages())
                .extracting(Message::getId)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(generated);
        assertThat(first.deltaLink()).contains("$deltatoken=");
        Message sample = first.messages().get(0);
        assertThat(sample.getSubject()).isNotBlank();
        assertThat(sample.getFrom().getEmailAddress().getAddress()).contains("@");
        assertThat(sample.getSender().getEmailAddress().getName()).isNotBlank();
        assertThat(sample.getReceivedDateTime()).isNotNull();
        assertThat(sample.getLastModifiedDateTime()).isNotNull();
        assertThat(sample.getChangeKey()).isNotBlank();
        assertThat(sample.getParentFolderId())
                .isEqualTo(graph.users()
                        .byUserId(MAILBOX)
                        .mailFolders()
                        .byMailFolderId("inbox")
                        .get()
                        .getId())
                .isNotEqualTo("inbox");
        assertThat(sample.getImportance()).isIn(Importance.Low, Importance.Normal, Importance.High);
        assertThat(sample.getFlag().getFlagStatus()).isIn(FollowupFlagStatus.NotFlagged, FollowupFlagStatus.Flagged);
        assertThat(sample.getBody().getContent()).hasSizeGreaterThan(3000);

        String updated = generated.get(0);
        String deleted = generated.get(1);
        http.patch("/_sim/mailboxes/" + MAILBOX + "/messages/" + updated, "{\"isRead\": true, \"subject\": \"seen\"}");
        http.delete("/_sim/mailboxes/" + MAILBOX + "/messages/" + deleted);
        String added = generate(1).get(0);

        Round second = sync(first.deltaLink());

        assertThat(second.messages()).hasSize(3);
        Message removed = second.byId(deleted);
        assertThat(removed.getAdditionalData()).containsKey("@removed");
        assertThat(second.byId(updated).getSubject()).isEqualTo("seen");
        assertThat(second.byId(updated).getIsRead()).isTrue();
        assertThat(second.byId(added).getAdditionalData()).doesNotContainKey("@removed");
        JsonNode stats = http.get("/_sim/mailboxes/" + MAILBOX + "/delta/stats").json();
        assertThat(stats.path("initialRounds").asLong()).isEqualTo(1);
        assertThat(stats.path("tokenRounds").asLong()).isEqualTo(1);
        assertThat(stats.path("immutableIdRequests").asLong()).isEqualTo(4);
        var requests = http.get("/_sim/requests?path=/v1.0/users/*/mailFolders/inbox/messages/*")
                .json()
                .path("counts");
        assertThat(requests.path("GET /v1.0/users/" + MAILBOX + "/mailFolders/inbox/messages/delta()")
                        .asLong())
                .isEqualTo(1);
        assertThat(requests.path("GET /v1.0/users/" + MAILBOX + "/mailFolders/inbox/messages/delta")
                        .asLong())
                .isEqualTo(3);
    }

    @Test
    void reportsAnExpiredDeltaLinkAsGone() {
        generate(3);
        String deltaLink = sync(null).deltaLink();
        http.post("/_sim/mailboxes/" + MAILBOX + "/delta/expire", "");

        assertThatExceptionOfType(ODataError.class)
                .isThrownBy(() -> sync(deltaLink))
                .satisfies(error -> {
                    assertThat(error.getResponseStatusCode()).isEqualTo(410);
                    assertThat(error.getError().getCode()).isEqualTo("SyncStateNotFound");
                });
    }

    @Test
    void resolvesTheWellKnownFolderAndReadsAttachments() {
        String id = http.post(
                        "/_sim/mailboxes/" + MAILBOX + "/messages/generate",
                        "{\"count\": 1, \"attachments\": 1, \"attachmentBytes\": 300, \"isRead\": false}")
                .json()
                .path("ids")
                .get(0)
                .asString();

        var inbox = graph.users()
                .byUserId(MAILBOX)
                .mailFolders()
                .byMailFolderId("inbox")
                .get();
        var attachments = graph.users()
                .byUserId(MAILBOX)
                .messages()
                .byMessageId(id)
                .attachments()
                .get();

        assertThat(inbox.getId()).startsWith("AQMk").isNotEqualToIgnoringCase("inbox");
        assertThat(graph.users()
                        .byUserId(MAILBOX)
                        .mailFolders()
                        .byMailFolderId(inbox.getId())
                        .get()
                        .getDisplayName())
                .isEqualTo("Inbox");
        assertThat(inbox.getDisplayName()).isEqualTo("Inbox");
        assertThat(inbox.getTotalItemCount()).isEqualTo(1);
        assertThat(inbox.getUnreadItemCount()).isEqualTo(1);
        assertThat(attachments.getValue()).singleElement().isInstanceOf(FileAttachment.class);
        var file = (FileAttachment) attachments.getValue().get(0);
        String stored = http.get("/v1.0/users/" + MAILBOX + "/messages/" + id + "/attachments")
                .json()
                .path("value")
                .get(0)
                .path("contentBytes")
                .asString();
        assertThat(file.getContentBytes())
                .hasSize(300)
                .isEqualTo(Base64.getDecoder().decode(stored));
        assertThat(file.getName()).isNotBlank();
        assertThat(file.getContentType())
                .isEqualTo(http.get("/v1.0/users/" + MAILBOX + "/messages/" + id + "/attachments/" + file.getId())
                        .json()
                        .path("contentType")
                        .asString());
    }

    /** One round: from the folder's delta function, or from a stored delta link, to the round's delta link. */
    private Round sync(String deltaLink) {
        DeltaRequestBuilder delta = graph.users()
                .byUserId(MAILBOX)
                .mailFolders()
                .byMailFolderId("inbox")
                .messages()
                .delta();
        var pages = new ArrayList<DeltaGetResponse>();
        DeltaGetResponse page = (deltaLink == null ? delta : delta.withUrl(deltaLink)).get(this::prefer);
        pages.add(page);
        while (page.getOdataNextLink() != null) {
            page = delta.withUrl(page.getOdataNextLink()).get(this::prefer);
            pages.add(page);
        }
        return new Round(pages);
    }

    private void prefer(DeltaRequestBuilder.GetRequestConfiguration config) {
        config.headers.add("Prefer", "odata.maxpagesize=50");
        config.headers.add("Prefer", "IdType=\"ImmutableId\"");
    }

    private List<String> generate(int count) {
        return http.generate(MAILBOX, count);
    }

    record Round(List<DeltaGetResponse> pages) {

        List<Message> messages() {
            return pages.stream().flatMap(page -> page.getValue().stream()).toList();
        }

        List<Integer> pageSizes() {
            return pages.stream().map(page -> page.getValue().size()).toList();
        }

        String deltaLink() {
            return pages.get(pages.size() - 1).getOdataDeltaLink();
        }

        Message byId(String id) {
            return messages().stream()
                    .filter(message -> id.equals(message.getId()))
                    .findFirst()
                    .orElseThrow();
        }
    }
}

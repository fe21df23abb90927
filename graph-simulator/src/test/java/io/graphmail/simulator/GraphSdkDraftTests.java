package io.graphmail.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.core.tasks.LargeFileUploadTask;
import com.microsoft.graph.models.AttachmentItem;
import com.microsoft.graph.models.AttachmentType;
import com.microsoft.graph.models.InternetMessageHeader;
import com.microsoft.graph.models.Message;
import com.microsoft.graph.models.SingleValueLegacyExtendedProperty;
import com.microsoft.graph.models.UploadSession;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.messages.item.MessageItemRequestBuilder;
import com.microsoft.graph.users.item.messages.item.attachments.createuploadsession.CreateUploadSessionPostRequestBody;
import com.microsoft.graph.users.item.messages.item.createreply.CreateReplyPostRequestBody;
import com.microsoft.graph.users.item.sendmail.SendMailPostRequestBody;
import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.RequestAdapter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Drafts, sends, replies and large attachments through the Microsoft Graph SDK's own request builders. */
class GraphSdkDraftTests extends SimulatorTests {

    static final String USER = "drafts@x.io";
    static final String KEY_PROPERTY = "String {66f5a359-4659-4830-9070-00047ec6ac6e} Name ClientKey";
    static final String IMMUTABLE = "IdType=\"ImmutableId\"";

    /** Ranges of 3.2 MB: ten times 320 KiB, as OneDrive requires and Outlook accepts. */
    static final long SLICE = 10 * 320 * 1024;

    GraphServiceClient graph;

    @BeforeEach
    void setUp() {
        graph = SdkClients.forSimulator(port);
    }

    @Test
    void findsADraftByItsClientKeyInDraftsAndOnceSentInSentItems() {
        String key = UUID.randomUUID().toString();

        Message draft = graph.users()
                .byUserId(USER)
                .messages()
                .post(keyed("Invoice 42", key), config -> config.headers.add("Prefer", IMMUTABLE));

        assertThat(draft.getIsDraft()).isTrue();
        assertThat(draft.getParentFolderId()).isEqualTo(folderId("drafts"));
        assertThat(draft.getConversationId()).isNotBlank();
        assertThat(draft.getInternetMessageId()).isNotBlank();
        assertThat(draft.getCreatedDateTime()).isNotNull();
        assertThat(lookUp("drafts", key)).extracting(Message::getId).containsExactly(draft.getId());

        message(graph, draft.getId()).send().post(config -> config.headers.add("Prefer", IMMUTABLE));

        assertThat(lookUp("drafts", key)).isEmpty();
        List<Message> sent = lookUp("sentitems", key);
        assertThat(sent).extracting(Message::getId).containsExactly(draft.getId());
        assertThat(sent.get(0).getIsDraft()).isFalse();
        assertThat(sent.get(0).getSentDateTime()).isNotNull();
        Message expanded = message(graph, draft.getId()).get(config -> {
            config.queryParameters.select = new String[] {"subject", "internetMessageHeaders"};
            config.queryParameters.expand =
                    new String[] {"singleValueExtendedProperties($filter=id eq '" + KEY_PROPERTY + "')"};
        });
        assertThat(expanded.getInternetMessageHeaders())
                .extracting(InternetMessageHeader::getValue)
                .containsExactly(key);
        assertThat(expanded.getSingleValueExtendedProperties())
                .extracting(SingleValueLegacyExtendedProperty::getValue)
                .containsExactly(key);
        assertThat(sentWithKey(key)).hasSize(1);
        var stats = http.get("/_sim/mailboxes/" + USER + "/drafts/stats").json();
        assertThat(stats.path("sent").asLong()).isEqualTo(1);
        var preferences =
                http.get("/_sim/mailboxes/" + USER + "/prefer-headers").json();
        assertThat(preferences.path("requests").asLong()).isGreaterThan(5);
        assertThat(preferences.path("withoutImmutableId").asLong())
                .as("the drafts folder's and the expanded reads leave the preference out")
                .isEqualTo(2);
        assertThat(preferences.path("examples").valueStream().map(JsonNode::asString))
                .contains("GET /v1.0/users/" + USER.replace("@", "%40") + "/messages/" + draft.getId());
    }

    @Test
    void createsAReplyDraftInTheOriginalsConversation() {
        String original = http.post("/_sim/mailboxes/" + USER + "/messages", """
                        {"subject": "Lunch?", "conversationId": "AAQkconversation1",
                         "from": {"emailAddress": {"address": "ada@x.io", "name": "Ada"}},
                         "toRecipients": [{"emailAddress": {"address": "drafts@x.io"}}],
                         "body": {"contentType": "html", "content": "<p>Noon at the usual place?</p>"}}""")
                .json()
                .path("id")
                .asString();
        var request = new CreateReplyPostRequestBody();
        request.setComment("Yes, see you there.");

        Message reply = message(graph, original).createReply().post(request);

        assertThat(reply.getSubject()).isEqualTo("RE: Lunch?");
        assertThat(reply.getConversationId()).isEqualTo("AAQkconversation1");
        assertThat(reply.getIsDraft()).isTrue();
        assertThat(reply.getParentFolderId()).isEqualTo(folderId("drafts"));
        assertThat(reply.getToRecipients())
                .extracting(recipient -> recipient.getEmailAddress().getAddress())
                .containsExactly("ada@x.io");
        assertThat(reply.getBody().getContent())
                .contains("Yes, see you there.")
                .contains("<p>Noon at the usual place?</p>");
        assertThat(reply.getId()).isNotEqualTo(original);
    }

    @Test
    void uploadsALargeAttachmentInRangesAndSendsIt() throws Exception {
        Message draft = graph.users().byUserId(USER).messages().post(message("Figures", "b@x.io"));
        byte[] file = randomBytes(10 * 1024 * 1024);

        UploadSession session = uploadSession(draft.getId(), "figures.bin", file.length);
        var task = uploadTask(null, session, file);
        var result = task.upload();

        assertThat(result.isUploadSuccessful()).isTrue();
        var attachments = message(graph, draft.getId())
                .attachments()
                .get(config -> config.queryParameters.select = new String[] {"name", "size"})
                .getValue();
        assertThat(attachments).singleElement().satisfies(attachment -> {
            assertThat(attachment.getName()).isEqualTo("figures.bin");
            assertThat(attachment.getSize()).isEqualTo(file.length);
            assertThat(result.location.toString()).endsWith("/attachments/" + attachment.getId());
        });
        assertThat(http.get("/_sim/requests?path=/_upload/*")
                        .json()
                        .path("total")
                        .asLong())
                .isEqualTo(4);

        message(graph, draft.getId()).send().post();

        var sent = http.get("/_sim/mailboxes/" + USER + "/sent").json().path("value");
        assertThat(sent).hasSize(1);
        var sentFile = sent.get(0).path("attachments").get(0);
        assertThat(sentFile.path("name").asString()).isEqualTo("figures.bin");
        assertThat(sentFile.path("size").asLong()).isEqualTo(file.length);
        assertThat(sentFile.path("sha256").asString()).isEqualTo(sha256(file));
    }

    @Test
    void refusesAnUploadThatCarriesTheGraphToken() throws Exception {
        Message draft = graph.users().byUserId(USER).messages().post(message("Leaky", "b@x.io"));
        byte[] file = randomBytes(3 * 1024 * 1024);
        UploadSession session = uploadSession(draft.getId(), "leak.bin", file.length);

        var task = uploadTask(graph.getRequestAdapter(), session, file);

        assertThatExceptionOfType(ApiException.class)
                .isThrownBy(task::upload)
                .satisfies(error -> assertThat(error.getResponseStatusCode()).isEqualTo(401));
        assertThat(message(graph, draft.getId()).attachments().get().getValue()).isEmpty();
    }

    @Test
    void aDroppedSendSurfacesAsAnIoExceptionWhileTheMessageWasSent() {
        var client = graph(GraphClientFactory.create().retryOnConnectionFailure(false));
        String key = UUID.randomUUID().toString();
        Message draft = client.users().byUserId(USER).messages().post(keyed("Ambiguous", key));
        dropAfterSuccess("/v1.0/users/*/messages/*/send");

        assertThatExceptionOfType(RuntimeException.class)
                .isThrownBy(() -> message(client, draft.getId()).send().post())
                .withRootCauseInstanceOf(IOException.class);
        assertThat(sentWithKey(key)).hasSize(1);
        assertThat(lookUp("sentitems", key)).extracting(Message::getId).containsExactly(draft.getId());
    }

    @Test
    void okHttpRetriesADroppedSendSilentlyOnAPooledConnection() {
        String key = UUID.randomUUID().toString();
        Message draft = graph.users().byUserId(USER).messages().post(keyed("Retried", key));
        dropAfterSuccess("/v1.0/users/*/messages/*/send");

        assertThatExceptionOfType(ODataError.class)
                .isThrownBy(() -> message(graph, draft.getId()).send().post())
                .satisfies(error -> {
                    assertThat(error.getResponseStatusCode()).isEqualTo(400);
                    assertThat(error.getError().getCode()).isEqualTo("ErrorInvalidOperation");
                });
        assertThat(sentWithKey(key)).hasSize(1);
        assertThat(http.get("/_sim/requests?path=/v1.0/users/*/messages/*/send")
                        .json()
                        .path("total")
                        .asLong())
                .isEqualTo(2);
    }

    @Test
    void okHttpRetriesADroppedSendMailSilentlySoTheMailGoesTwice() {
        String key = UUID.randomUUID().toString();
        graph.users().byUserId(USER).messages().get();
        dropAfterSuccess("/v1.0/users/*/sendMail");
        sendMail(keyed("Twice", key));

        assertThat(sentWithKey(key)).hasSize(2);
    }

    @Test
    void theSdkRetriesAGatewayTimeoutAfterTheSendSoSendMailGoesTwice() {
        String key = UUID.randomUUID().toString();
        http.post("/_sim/faults", """
                {"pathPattern": "/v1.0/users/*/sendMail", "afterSuccess": true, "status": 504,
                 "retryAfterSeconds": 1, "count": 1}""");
        sendMail(keyed("Retried after 504", key));

        assertThat(sentWithKey(key)).hasSize(2);
    }

    @Test
    void aLateAnswerTimesTheClientOutWhileTheMessageWasSent() {
        var client = graph(GraphClientFactory.create().readTimeout(Duration.ofMillis(300)));
        String key = UUID.randomUUID().toString();
        Message draft = client.users().byUserId(USER).messages().post(keyed("Slow", key));
        http.post("/_sim/faults", """
                {"pathPattern": "/v1.0/users/*/messages/*/send", "afterSuccess": true, "latencyMs": 1000, "count": 1}""");

        assertThatExceptionOfType(RuntimeException.class)
                .isThrownBy(() -> message(client, draft.getId()).send().post())
                .withCauseInstanceOf(SocketTimeoutException.class);
        assertThat(sentWithKey(key)).hasSize(1);
    }

    private void sendMail(Message message) {
        var body = new SendMailPostRequestBody();
        body.setMessage(message);
        graph.users().byUserId(USER).sendMail().post(body);
    }

    private GraphServiceClient graph(OkHttpClient.Builder http) {
        return SdkClients.forSimulator(port, http);
    }

    private void dropAfterSuccess(String pathPattern) {
        http.post("/_sim/faults", """
                {"pathPattern": "%s", "afterSuccess": true, "dropConnection": true, "count": 1}""".formatted(pathPattern));
    }

    /** The SDK's ranged upload of {@code file}, through {@code adapter} or, when null, an adapter of the task's own. */
    private static LargeFileUploadTask<AttachmentItem> uploadTask(
            RequestAdapter adapter, UploadSession session, byte[] file) throws Exception {
        return new LargeFileUploadTask<>(
                adapter,
                session,
                new ByteArrayInputStream(file),
                file.length,
                SLICE,
                AttachmentItem::createFromDiscriminatorValue);
    }

    private UploadSession uploadSession(String messageId, String name, long size) {
        var item = new AttachmentItem();
        item.setAttachmentType(AttachmentType.File);
        item.setName(name);
        item.setSize(size);
        item.setContentType("application/octet-stream");
        var body = new CreateUploadSessionPostRequestBody();
        body.setAttachmentItem(item);
        return message(graph, messageId).attachments().createUploadSession().post(body);
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(7).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private static MessageItemRequestBuilder message(GraphServiceClient client, String id) {
        return client.users().byUserId(USER).messages().byMessageId(id);
    }

    private String folderId(String wellKnownName) {
        return graph.users()
                .byUserId(USER)
                .mailFolders()
                .byMailFolderId(wellKnownName)
                .get()
                .getId();
    }

    private List<Message> lookUp(String folder, String key) {
        return graph.users()
                .byUserId(USER)
                .mailFolders()
                .byMailFolderId(folder)
                .messages()
                .get(config -> {
                    config.queryParameters.filter = "singleValueExtendedProperties/any(ep: ep/id eq '" + KEY_PROPERTY
                            + "' and ep/value eq '" + key + "')";
                    config.headers.add("Prefer", IMMUTABLE);
                })
                .getValue();
    }

    private List<JsonNode> sentWithKey(String key) {
        return http.get("/_sim/mailboxes/" + USER + "/sent")
                .json()
                .path("value")
                .valueStream()
                .filter(entry -> entry.path("internetMessageHeaders")
                        .valueStream()
                        .anyMatch(header -> header.path("value").asString().equals(key)))
                .toList();
    }

    private static Message keyed(String subject, String key) {
        var header = new InternetMessageHeader();
        header.setName("x-client-key");
        header.setValue(key);
        var property = new SingleValueLegacyExtendedProperty();
        property.setId(KEY_PROPERTY);
        property.setValue(key);
        var message = message(subject, "b@x.io");
        message.setInternetMessageHeaders(List.of(header));
        message.setSingleValueExtendedProperties(List.of(property));
        return message;
    }

    private static Message message(String subject, String to) {
        return SdkMessages.message(subject, "<p>" + subject + "</p>", to);
    }
}

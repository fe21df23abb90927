package io.graphmail.simulator.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.simulator.SimulatorHttp;
import io.graphmail.simulator.SimulatorTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Each Graph endpoint needs the permissions its page in Graph's API reference lists, from delegated and app tokens. */
class PermissionTests extends SimulatorTests {

    static final String CLIENT_ID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    static final String MAILBOX = "ada@example.com";
    static final String MESSAGES = "/v1.0/users/" + MAILBOX + "/messages";
    static final String DRAFT = """
            {"subject": "Hi", "toRecipients": [{"emailAddress": {"address": "bea@example.com"}}]}""";
    static final String MAIL = "{\"message\": " + DRAFT + "}";
    static final String ATTACHMENT = """
            {"@odata.type": "#microsoft.graph.fileAttachment", "name": "a.txt", "contentBytes": "aGk="}""";
    static final String UPLOAD = """
            {"AttachmentItem": {"attachmentType": "file", "name": "big.bin", "size": 3500000}}""";

    String existing;

    @BeforeEach
    void fileAMessage() {
        existing = http.post("/_sim/mailboxes/" + MAILBOX + "/messages", DRAFT)
                .json()
                .path("id")
                .asString();
    }

    @Test
    void sendAndReadScopesCannotCreateDraftsRepliesAttachmentsOrDeleteMail() {
        String token = delegated("Mail.Send Mail.Read");

        assertDenied(http.post(MESSAGES, DRAFT, token));
        assertDenied(http.post(MESSAGES + "/" + existing + "/createReply", "", token));
        assertDenied(http.post(MESSAGES + "/" + existing + "/createReplyAll", "", token));
        assertDenied(http.post(MESSAGES + "/" + existing + "/attachments", ATTACHMENT, token));
        assertDenied(http.post(MESSAGES + "/" + existing + "/attachments/createUploadSession", UPLOAD, token));
        assertDenied(http.call("PATCH", MESSAGES + "/" + existing, "{\"isRead\": true}", token));
        assertDenied(http.call("DELETE", MESSAGES + "/" + existing, "", token));
        assertThat(http.get(MESSAGES, token).status()).isEqualTo(200);
        assertThat(http.post("/v1.0/users/" + MAILBOX + "/sendMail", MAIL, token)
                        .status())
                .isEqualTo(202);
    }

    @Test
    void aReadOnlyTokenCannotSend() {
        String token = delegated("https://graph.microsoft.com/Mail.Read");
        String draft = http.post(MESSAGES, DRAFT).json().path("id").asString();

        assertDenied(http.post("/v1.0/me/sendMail", MAIL, token));
        assertDenied(http.post(MESSAGES + "/" + draft + "/send", "", token));
        assertThat(http.get("/_sim/mailboxes/" + MAILBOX + "/sent").json().path("value"))
                .isEmpty();
        assertThat(http.get(MESSAGES + "/" + existing, token).status()).isEqualTo(200);
        assertThat(http.get("/v1.0/me/mailFolders/inbox/messages/delta", token).status())
                .isEqualTo(200);
        assertThat(http.get(MESSAGES + "/" + existing + "/attachments", token).status())
                .isEqualTo(200);
    }

    @Test
    void readWriteAndSendScopesDraftAndSend() {
        String token = delegated("Mail.ReadWrite Mail.Send offline_access");

        var draft = http.post(MESSAGES, DRAFT, token);
        assertThat(draft.status()).isEqualTo(201);
        String id = draft.json().path("id").asString();
        assertThat(http.post(MESSAGES + "/" + id + "/attachments", ATTACHMENT, token)
                        .status())
                .isEqualTo(201);
        assertThat(http.post(MESSAGES + "/" + id + "/send", "", token).status()).isEqualTo(202);
        assertThat(http.get(MESSAGES + "/" + existing + "/attachments", token).status())
                .as("Mail.ReadWrite includes reading")
                .isEqualTo(200);
    }

    @Test
    void anAppGetsTheApplicationPermissionsAnAdminGranted() {
        String unregistered = appToken();
        assertDenied(http.get(MESSAGES, unregistered));

        register("\"applicationPermissions\": [\"Mail.Send\"]");
        String sendOnly = appToken();
        assertThat(http.post("/v1.0/users/" + MAILBOX + "/sendMail", MAIL, sendOnly)
                        .status())
                .isEqualTo(202);
        assertDenied(http.post(MESSAGES, DRAFT, sendOnly));
        assertDenied(http.get(MESSAGES, sendOnly));

        register("\"applicationPermissions\": [\"Mail.Send\", \"Mail.ReadWrite\"]");
        String granted = appToken();
        String id = http.post(MESSAGES, DRAFT, granted).json().path("id").asString();
        assertThat(http.post(MESSAGES + "/" + id + "/send", "", granted).status())
                .isEqualTo(202);
    }

    @Test
    void aDelegatedTokenCarriesOnlyWhatTheAppMayAskFor() {
        register("\"delegatedPermissions\": [\"Mail.Send\"]");

        var granted = delegatedResponse("Mail.Send Mail.ReadWrite");

        assertThat(granted.path("scope").asString()).isEqualTo("Mail.Send");
        assertDenied(http.post(MESSAGES, DRAFT, granted.path("access_token").asString()));
    }

    @Test
    void aDeniedRequestCarriesGraphsErrorShape() {
        var denied = http.post(MESSAGES, DRAFT, delegated("Mail.Send"));

        var inner = denied.json().path("error").path("innerError");
        assertThat(denied.json().path("error").path("message").asString())
                .isEqualTo("Access is denied. Check credentials and try again.");
        assertThat(inner.path("request-id").asString()).isNotBlank();
        assertThat(inner.path("date").asString()).isNotBlank();
    }

    private static void assertDenied(SimulatorHttp.Response response) {
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.errorCode()).isEqualTo("ErrorAccessDenied");
    }

    private void register(String permissions) {
        assertThat(identity.registerApp(CLIENT_ID, permissions).status()).isEqualTo(201);
    }

    private String appToken() {
        return identity.appToken("contoso.example", CLIENT_ID);
    }

    private String delegated(String scopes) {
        return delegatedResponse(scopes).path("access_token").asString();
    }

    private JsonNode delegatedResponse(String scopes) {
        return identity.deviceCodeTokens(CLIENT_ID, scopes, MAILBOX);
    }
}

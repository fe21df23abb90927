package io.graphmail.gateway;

import io.graphmail.testsupport.TestAccounts;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.HexFormat;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.TestPropertySource;

/**
 * The gateway alone over real HTTP, RabbitMQ and the MongoDB wire protocol, with small upload limits;
 * no worker. Its tests send nothing through the broker: what they submit is refused or scheduled.
 */
@TestPropertySource(
        properties = {
            "graphmail.security.api-keys=" + GatewayAloneTests.API_KEY,
            "graphmail.sync.schedule-enabled=false",
            "spring.rabbitmq.listener.simple.auto-startup=false",
            "graphmail.attachments.max-bytes=" + GatewayAloneTests.MAX_UPLOAD_BYTES,
            "graphmail.attachments.allowed-content-types=application/pdf,text/*,application/octet-stream"
        })
public abstract class GatewayAloneTests extends GatewayTests {

    protected static final String API_KEY = "alone-key";
    protected static final int MAX_UPLOAD_BYTES = 64 * 1024;

    protected String accountId;

    @BeforeEach
    void connectAndRegisterAccount() {
        api = new Api(port, API_KEY);
        accountId = "alone-" + UUID.randomUUID().toString().substring(0, 8);
        mongo.getCollection("accounts").insertOne(TestAccounts.applicationAccount(accountId, accountId + "@x.example"));
    }

    /** POSTs {@code content} to the upload endpoint as the form part {@code file}. */
    protected Api.Response uploadPart(String fileName, String contentType, byte[] content) {
        String boundary = "----graphmail" + UUID.randomUUID();
        var body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\n"
                        + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                        + "Content-Type: " + contentType + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return api.postBody(
                "/api/v1/attachments",
                HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()),
                "Content-Type",
                "multipart/form-data; boundary=" + boundary);
    }

    /** Uploads the bytes as a raw body and answers the new upload's id. */
    protected String upload(String name, byte[] content) {
        var response = api.postBody(
                "/api/v1/attachments?name=" + name,
                HttpRequest.BodyPublishers.ofByteArray(content),
                "Content-Type",
                "application/pdf");
        if (response.status() != 201) {
            throw new IllegalStateException("upload failed: " + response.body());
        }
        return response.text("id");
    }

    /** A synced message as mailbox sync stores it, in the given account's mailbox. */
    protected String insertSyncedMessage(String owner, String graphId) {
        String id = UUID.nameUUIDFromBytes((owner + "\n" + graphId).getBytes(StandardCharsets.UTF_8))
                .toString();
        mongo.getCollection("messages")
                .insertOne(new Document("_id", id)
                        .append("accountId", owner)
                        .append("graphId", graphId)
                        .append("folder", "inbox")
                        .append("subject", "Question")
                        .append("receivedDateTime", new Date()));
        return id;
    }

    protected long count(String collection) {
        return mongo.getCollection(collection).countDocuments();
    }

    protected static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The API client's name as the gateway records it: a short fingerprint of its key. */
    protected static String clientName() {
        return sha256(API_KEY.getBytes(StandardCharsets.UTF_8)).substring(0, 12);
    }
}

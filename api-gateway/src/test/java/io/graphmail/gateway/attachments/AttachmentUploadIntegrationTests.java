package io.graphmail.gateway.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.gateway.Api;
import io.graphmail.gateway.GatewayAloneTests;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/** Uploads streamed into the GridFS bucket {@code uploads}, with a 64 KB limit and an allow-list of types. */
class AttachmentUploadIntegrationTests extends GatewayAloneTests {

    @Test
    void storesAMultipartUploadWithItsHashAndDescribesIt() {
        byte[] content = randomBytes(50_000);

        var response = uploadPart("Quarterly report.pdf", "application/pdf", content);

        assertThat(response.status()).isEqualTo(201);
        String id = response.text("id");
        assertThat(response.header("Location")).isEqualTo("/api/v1/attachments/" + id);
        assertThat(response.text("name")).isEqualTo("Quarterly report.pdf");
        assertThat(response.text("contentType")).isEqualTo("application/pdf");
        assertThat(response.json().get("size").asLong()).isEqualTo(content.length);
        assertThat(response.text("sha256")).isEqualTo(sha256(content));
        var described = api.get("/api/v1/attachments/" + id);
        assertThat(described.status()).isEqualTo(200);
        assertThat(described.json()).isEqualTo(response.json());
    }

    @Test
    void storesARawBodyNamedByQueryAndKeepsItsBytesAndMetadataInGridFs() {
        byte[] content = randomBytes(MAX_UPLOAD_BYTES);

        var response = api.postBody(
                "/api/v1/attachments?name=notes%20(1).txt",
                HttpRequest.BodyPublishers.ofByteArray(content), "Content-Type", "text/plain; charset=utf-8");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.text("name")).isEqualTo("notes (1).txt");
        assertThat(response.text("contentType")).isEqualTo("text/plain;charset=utf-8");
        assertThat(response.text("sha256")).isEqualTo(sha256(content));
        Document file = mongo.getCollection("uploads.files")
                .find(new Document("_id", new ObjectId(response.text("id"))))
                .first();
        assertThat(file.getLong("length")).isEqualTo(content.length);
        Document metadata = file.get("metadata", Document.class);
        assertThat(metadata.getString("name")).isEqualTo("notes (1).txt");
        assertThat(metadata.getString("contentType")).isEqualTo("text/plain;charset=utf-8");
        assertThat(metadata.get("size", Number.class).longValue()).isEqualTo(content.length);
        assertThat(metadata.getString("sha256")).isEqualTo(sha256(content));
        assertThat(metadata.getString("uploadedBy")).isEqualTo(clientName());
        assertThat(metadata.getDate("uploadedAt")).isNotNull();
        var stored = new ByteArrayOutputStream();
        mongo.getCollection("uploads.chunks")
                .find(new Document("files_id", file.getObjectId("_id")))
                .sort(new Document("n", 1))
                .forEach(chunk ->
                        stored.writeBytes(chunk.get("data", Binary.class).getData()));
        assertThat(stored.toByteArray()).isEqualTo(content);
    }

    @Test
    void namesARawUploadFromContentDispositionAndDefaultsItsType() {
        byte[] content = "plain bytes".getBytes(StandardCharsets.UTF_8);

        var response = api.postBody(
                "/api/v1/attachments",
                HttpRequest.BodyPublishers.ofByteArray(content),
                "Content-Disposition",
                "attachment; filename=\"C:\\\\Users\\\\ada\\\\data.bin\"");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.text("name")).isEqualTo("data.bin");
        assertThat(response.text("contentType")).isEqualTo("application/octet-stream");
        assertThat(response.text("sha256")).isEqualTo(sha256(content));
    }

    @Test
    void refusesARawUploadOverTheLimitWith413AndKeepsNothing() {
        long files = count("uploads.files");
        long chunks = count("uploads.chunks");
        byte[] content = randomBytes(MAX_UPLOAD_BYTES + 1);

        var announced = api.postBody(
                "/api/v1/attachments?name=big.pdf",
                HttpRequest.BodyPublishers.ofByteArray(content),
                "Content-Type",
                "application/pdf");
        var streamed = api.postBody(
                "/api/v1/attachments?name=big.pdf",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(content)),
                "Content-Type",
                "application/pdf");

        for (var response : List.of(announced, streamed)) {
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.text("type")).isEqualTo("https://graphmail.io/problems/attachment-too-large");
            assertThat(response.text("detail")).contains(String.valueOf(MAX_UPLOAD_BYTES));
        }
        assertThat(count("uploads.files")).isEqualTo(files);
        assertThat(count("uploads.chunks")).isEqualTo(chunks);
    }

    @Test
    void refusesAMultipartUploadOverTheLimitWith413() {
        var response = uploadPart("big.pdf", "application/pdf", randomBytes(MAX_UPLOAD_BYTES + 1));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.text("type")).isEqualTo("https://graphmail.io/problems/attachment-too-large");
        assertThat(response.text("detail")).contains(String.valueOf(MAX_UPLOAD_BYTES));
    }

    @Test
    void refusesATypeOutsideTheAllowListWith415() {
        var raw = api.postBody(
                "/api/v1/attachments?name=run.exe",
                HttpRequest.BodyPublishers.ofByteArray(randomBytes(10)),
                "Content-Type",
                "application/x-msdownload");
        var part = uploadPart("photo.png", "image/png", randomBytes(10));

        for (var response : List.of(raw, part)) {
            assertThat(response.status()).isEqualTo(415);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.text("type")).isEqualTo("https://graphmail.io/problems/unsupported-attachment-type");
        }
        assertThat(raw.text("detail")).contains("application/x-msdownload");
        assertThat(part.text("detail")).contains("image/png");
    }

    @Test
    void refusesAnEmptyBodyOrAMissingName() {
        var empty = api.postBody(
                "/api/v1/attachments?name=empty.pdf",
                HttpRequest.BodyPublishers.noBody(),
                "Content-Type",
                "application/pdf");
        var unnamed = api.postBody(
                "/api/v1/attachments",
                HttpRequest.BodyPublishers.ofByteArray(randomBytes(10)),
                "Content-Type",
                "application/pdf");

        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.header("Content-Type")).startsWith("application/problem+json");
        assertThat(empty.json().get("errors").get(0).get("field").asString()).isEqualTo("body");
        assertThat(unnamed.status()).isEqualTo(400);
        assertThat(unnamed.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
    }

    @Test
    void answers404ForAnUnknownUpload() {
        for (String id : new String[] {new ObjectId().toHexString(), "not-an-object-id"}) {
            var response = api.get("/api/v1/attachments/" + id);

            assertThat(response.status()).isEqualTo(404);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.text("type")).isEqualTo("https://graphmail.io/problems/attachment-not-found");
        }
    }

    @Test
    void ignoresIdempotencyKeysOnUploads() {
        byte[] content = randomBytes(100);

        Supplier<Api.Response> upload = () -> api.postBody(
                "/api/v1/attachments?name=a.pdf",
                HttpRequest.BodyPublishers.ofByteArray(content),
                "Content-Type",
                "application/pdf",
                "Idempotency-Key",
                "upload-1");
        var first = upload.get();
        var second = upload.get();

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.header("Idempotent-Replayed")).isNull();
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }
}

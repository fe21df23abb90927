package io.graphmail.simulator.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.simulator.SimulatorHttp;
import io.graphmail.simulator.SimulatorTests;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class UploadSessionTests extends SimulatorTests {

    static final String MAILBOX = "up@x.io";
    static final String MESSAGES = "/v1.0/users/" + MAILBOX + "/messages";
    static final int RANGE = 10 * 320 * 1024;

    String draft;

    @BeforeEach
    void createDraft() {
        draft = http.post(
                        MESSAGES,
                        "{\"subject\": \"Files\", \"toRecipients\": [{\"emailAddress\": {\"address\": \"b@x.io\"}}]}")
                .json()
                .path("id")
                .asString();
    }

    @Test
    void attachesAFileUploadedInOrderedRangesAndKeepsItsContent() {
        byte[] file = bytes(3_500_000);
        JsonNode session = open("report.pdf", file.length);
        assertThat(session.path("nextExpectedRanges").get(0).asString()).isEqualTo("0-");
        assertThat(session.path("expirationDateTime").asString()).isNotBlank();
        String url = session.path("uploadUrl").asString();
        assertThat(url).startsWith(http.base() + "/_upload/").contains("authtoken=");

        var first = put(url, file, 0, RANGE - 1);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().path("nextExpectedRanges").get(0).asString()).isEqualTo(String.valueOf(RANGE));
        assertThat(nextExpectedRange(url)).isEqualTo(String.valueOf(RANGE));
        assertThat(http.get(MESSAGES + "/" + draft + "/attachments").json().path("value"))
                .isEmpty();

        var last = put(url, file, RANGE, file.length - 1);

        assertThat(last.status()).isEqualTo(201);
        assertThat(last.text()).isEmpty();
        JsonNode attachment = http.get(MESSAGES + "/" + draft + "/attachments?$select=name,size,contentType")
                .json()
                .path("value")
                .get(0);
        assertThat(attachment.path("name").asString()).isEqualTo("report.pdf");
        assertThat(attachment.path("size").asInt()).isEqualTo(file.length);
        assertThat(attachment.path("contentType").asString()).isEqualTo("application/pdf");
        assertThat(last.header("Location"))
                .hasValue(http.base() + MESSAGES + "/" + draft + "/attachments/"
                        + attachment.path("id").asString());
        assertThat(http.getBytes(MESSAGES + "/" + draft + "/attachments/"
                                + attachment.path("id").asString() + "/$value")
                        .body())
                .isEqualTo(file);
        assertThat(http.callAbsolute("GET", url).status()).isEqualTo(404);
    }

    @Test
    void keepsOnlyTheSizeAndDigestOfLargerFilesAndReportsThemOnceSent() throws Exception {
        byte[] file = bytes(5 * 1024 * 1024);
        String url = uploadUrl("big.bin", file.length);

        for (int from = 0; from < file.length; from += RANGE) {
            assertThat(put(url, file, from, Math.min(file.length, from + RANGE) - 1)
                            .status())
                    .isIn(200, 201);
        }
        http.post(MESSAGES + "/" + draft + "/send", "");

        JsonNode sent = http.get("/_sim/mailboxes/" + MAILBOX + "/sent")
                .json()
                .path("value")
                .get(0);
        assertThat(sent.path("attachments").get(0).path("size").asInt()).isEqualTo(file.length);
        assertThat(sent.path("attachments").get(0).path("sha256").asString())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(file)));
        assertThat(sent.path("attachments").get(0).has("contentBytes")).isFalse();
        String attachmentId = sent.path("attachments").get(0).path("id").asString();
        assertThat(http.getBytes(MESSAGES + "/" + draft + "/attachments/" + attachmentId + "/$value")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void refusesAnUploadCarryingAnAuthorizationHeader() {
        byte[] file = bytes(3_000_000);
        String url = uploadUrl("a.bin", file.length);

        var leaked = put(url, file, 0, RANGE - 1, "Authorization", "Bearer " + SimulatorHttp.TOKEN);

        assertThat(leaked.status()).isEqualTo(401);
        assertThat(leaked.errorCode()).isEqualTo("InvalidAuthenticationToken");
        assertThat(nextExpectedRange(url)).isEqualTo("0-");
        assertThat(put(url.replaceAll("authtoken=\\w+", "authtoken=guessed"), file, 0, RANGE - 1)
                        .status())
                .isEqualTo(401);
    }

    @Test
    void refusesRangesOutOfOrderOrOverlapping() {
        byte[] file = bytes(8_000_000);
        String url = uploadUrl("a.bin", file.length);

        var skipped = put(url, file, RANGE, 2 * RANGE - 1);
        put(url, file, 0, RANGE - 1);
        var overlapping = put(url, file, RANGE - 100, 2 * RANGE - 1);
        var beyond =
                http.putBytes(url, new byte[10], "Content-Range", "bytes " + RANGE + "-" + (RANGE + 9) + "/9000000");

        assertThat(skipped.status()).isEqualTo(416);
        assertThat(skipped.errorCode()).isEqualTo("InvalidRange");
        assertThat(overlapping.status()).isEqualTo(416);
        assertThat(beyond.status()).isEqualTo(400);
        assertThat(nextExpectedRange(url)).isEqualTo(String.valueOf(RANGE));
    }

    @Test
    void refusesRangesOver4MbAndBodiesThatDoNotFitTheRange() {
        byte[] file = bytes(9_000_000);
        String url = uploadUrl("a.bin", file.length);

        var tooLarge = put(url, file, 0, 4 * 1024 * 1024);
        var short_ = http.putBytes(url, new byte[100], "Content-Range", "bytes 0-199/" + file.length);
        var noRange = http.putBytes(url, new byte[100]);

        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(short_.status()).isEqualTo(400);
        assertThat(noRange.status()).isEqualTo(400);
    }

    @Test
    void refusesSessionsForSmallOrHugeFilesAndUnknownMessages() {
        var small = http.post(MESSAGES + "/" + draft + "/attachments/createUploadSession", item("s.bin", 1_000_000));
        var huge = http.post(MESSAGES + "/" + draft + "/attachments/createUploadSession", item("h.bin", 200_000_000));
        var unknown = http.post(MESSAGES + "/AAMkunknown/attachments/createUploadSession", item("u.bin", 3_000_000));

        assertThat(small.status()).isEqualTo(400);
        assertThat(small.errorCode()).isEqualTo("ErrorAttachmentSizeShouldNotBeLessThanMinimumSize");
        assertThat(huge.status()).isEqualTo(400);
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void cancelsASession() {
        byte[] file = bytes(3_000_000);
        String url = uploadUrl("a.bin", file.length);

        assertThat(http.callAbsolute("DELETE", url).status()).isEqualTo(204);
        assertThat(put(url, file, 0, RANGE - 1).status()).isEqualTo(404);
    }

    /** The first range the session waits for, as its status answers it. */
    private String nextExpectedRange(String url) {
        return http.callAbsolute("GET", url)
                .json()
                .path("nextExpectedRanges")
                .get(0)
                .asString();
    }

    private String uploadUrl(String name, long size) {
        return open(name, size).path("uploadUrl").asString();
    }

    private JsonNode open(String name, long size) {
        var response = http.post(MESSAGES + "/" + draft + "/attachments/createUploadSession", item(name, size));
        assertThat(response.status()).isEqualTo(201);
        return response.json();
    }

    private static String item(String name, long size) {
        String type = name.endsWith(".pdf") ? "application/pdf" : "application/octet-stream";
        return """
                {"AttachmentItem": {"attachmentType": "file", "name": "%s", "size": %d, "contentType": "%s"}}""".formatted(name, size, type);
    }

    private SimulatorHttp.Response put(String url, byte[] file, int first, int last, String... headers) {
        String[] all = Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "Content-Range";
        all[headers.length + 1] = "bytes " + first + "-" + last + "/" + file.length;
        return http.putBytes(url, Arrays.copyOfRange(file, first, last + 1), all);
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}

package io.graphmail.simulator.requests;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.simulator.SimulatorTests;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Graph's 4 MB request limit and its under-3 MB limit for one attachment POST. */
class RequestSizeTests extends SimulatorTests {

    static final String MESSAGES = "/v1.0/users/me@graphmail.local/messages";

    @Test
    void refusesADraftOverFourMegabytes() {
        var tooLarge = http.post(MESSAGES, draftOfBytes(RequestSizeFilter.MAX_REQUEST_BYTES + 1));
        var largest = http.post(MESSAGES, draftOfBytes(RequestSizeFilter.MAX_REQUEST_BYTES));

        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.errorCode()).isEqualTo("RequestEntityTooLarge");
        assertThat(tooLarge.json()
                        .path("error")
                        .path("innerError")
                        .path("request-id")
                        .asString())
                .isNotBlank();
        assertThat(largest.status()).isEqualTo(201);
    }

    @Test
    void refusesAnAttachmentPostThatCannotStayUnderTheLimits() {
        String draft = http.post(MESSAGES, "{\"subject\": \"Files\"}")
                .json()
                .path("id")
                .asString();

        var under = http.post(MESSAGES + "/" + draft + "/attachments", attachment(2_990_000));
        var over = http.post(MESSAGES + "/" + draft + "/attachments", attachment(3_000_000));

        assertThat(under.status()).isEqualTo(201);
        assertThat(over.status()).isEqualTo(413);
        assertThat(over.errorCode()).isEqualTo("RequestEntityTooLarge");
    }

    /** A draft whose JSON is exactly {@code bytes} long. */
    private static String draftOfBytes(int bytes) {
        String prefix = "{\"subject\": \"Big\", \"body\": {\"contentType\": \"text\", \"content\": \"";
        String suffix = "\"}}";
        return prefix + "a".repeat(bytes - prefix.length() - suffix.length()) + suffix;
    }

    private static String attachment(int bytes) {
        return """
                {"@odata.type": "#microsoft.graph.fileAttachment", "name": "f.bin", "contentBytes": "%s"}""".formatted(Base64.getEncoder().encodeToString(new byte[bytes]));
    }
}

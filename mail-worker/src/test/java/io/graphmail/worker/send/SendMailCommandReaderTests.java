package io.graphmail.worker.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.worker.send.SendMailCommandReader.Reading;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import tools.jackson.databind.json.JsonMapper;

class SendMailCommandReaderTests {

    private final SendMailCommandReader reader =
            new SendMailCommandReader(JsonMapper.builder().build());

    @Test
    void readsACompleteCommand() {
        var message = message("""
                {"commandId":"2f1c7a52-3a5e-4c53-9f0e-6f8b8f3f1d11","accountId":"me@graphmail.local",
                 "to":["ada@example.com"],"subject":"Hi","body":{"contentType":"TEXT","content":"Hello"},
                 "submittedAt":"2026-11-25T10:00:00Z"}""");

        assertThat(reader.read(message)).isInstanceOfSatisfying(Reading.Command.class, read -> {
            assertThat(read.command().to()).containsExactly("ada@example.com");
            assertThat(read.command().cc()).isEmpty();
        });
    }

    @Test
    void explainsMalformedJsonWithoutQuotingIt() {
        var message = message("{\"subject\": secret-words");

        assertThat(reader.read(message))
                .isInstanceOfSatisfying(
                        Reading.Unreadable.class,
                        unreadable -> assertThat(unreadable.reason())
                                .startsWith("UNPARSEABLE:")
                                .doesNotContain("secret"));
    }

    @Test
    void rejectsCommandWithoutRecipients() {
        var message = message("""
                {"commandId":"2f1c7a52-3a5e-4c53-9f0e-6f8b8f3f1d11","accountId":"me@graphmail.local",
                 "subject":"Hi","body":{"contentType":"TEXT","content":"Hello"}}""");

        assertThat(reader.read(message)).isEqualTo(new Reading.Unreadable("INVALID_COMMAND: no recipients"));
    }

    private static Message message(String json) {
        return MessageBuilder.withBody(json.getBytes(StandardCharsets.UTF_8)).build();
    }
}

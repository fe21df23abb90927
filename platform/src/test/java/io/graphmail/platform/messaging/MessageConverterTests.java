package io.graphmail.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graphmail.contract.send.MailFailed;
import io.graphmail.contract.send.MailSent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.MessageConverter;
import tools.jackson.databind.json.JsonMapper;

/** The shared converter: the results resolved ahead go out and come back as before, and untrusted types stay refused. */
class MessageConverterTests {

    final MessageConverter converter =
            new MessagingConfiguration().messageConverter(JsonMapper.builder().build());

    @Test
    void aResultGoesOutUnderItsClassNameAndComesBackAsItWas() {
        var sent = new MailSent(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "sales",
                1,
                Instant.parse("2026-03-01T10:00:00.123456Z"),
                Instant.parse("2026-03-01T09:59:00Z"));
        var failed = new MailFailed(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "sales",
                2,
                "CANCELLED",
                true,
                Instant.parse("2026-03-01T10:00:00Z"));

        for (Object event : new Object[] {sent, failed}) {
            Message message = converter.toMessage(event, new MessageProperties());

            assertThat((String) message.getMessageProperties().getHeader("__TypeId__"))
                    .isEqualTo(event.getClass().getName());
            assertThat(converter.fromMessage(message)).isEqualTo(event);
        }
    }

    @Test
    void aTypeOutsideTheContractPackagesIsStillRefused() {
        var properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setHeader("__TypeId__", "java.net.URI");
        var message = new Message("\"https://example.com\"".getBytes(StandardCharsets.UTF_8), properties);

        assertThatThrownBy(() -> converter.fromMessage(message))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not in the trusted packages");
    }

    @Test
    void aMalformedResultIsStillRefused() {
        var properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setContentEncoding("UTF-8");
        properties.setHeader("__TypeId__", MailSent.class.getName());
        var message = new Message("{\"eventId\":\"not-a-uuid\"}".getBytes(StandardCharsets.UTF_8), properties);

        assertThatThrownBy(() -> converter.fromMessage(message)).isInstanceOf(MessageConversionException.class);
    }
}

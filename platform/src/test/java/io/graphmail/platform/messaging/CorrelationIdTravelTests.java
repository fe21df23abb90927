package io.graphmail.platform.messaging;

import static io.graphmail.contract.MailTopology.CORRELATION_ID_HEADER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.graphmail.platform.logging.CorrelationId;
import java.util.UUID;
import org.aopalliance.intercept.MethodInvocation;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;

class CorrelationIdTravelTests {

    final CorrelationIdOnPublish onPublish = new CorrelationIdOnPublish();
    final CorrelationIdOnReceive onReceive = new CorrelationIdOnReceive();

    @Test
    void publishedMessagesCarryTheCurrentCorrelationId() {
        try (var scope = CorrelationId.open("request-1")) {
            Message message = onPublish.postProcessMessage(message(null));

            assertThat(header(message)).isEqualTo("request-1");
        }
    }

    @Test
    void aMessageKeepsTheCorrelationIdItHas() {
        try (var scope = CorrelationId.open("request-2")) {
            Message message = onPublish.postProcessMessage(message("request-1"));

            assertThat(header(message)).isEqualTo("request-1");
        }
    }

    @Test
    void withoutACurrentCorrelationIdNoneIsAdded() {
        assertThat(header(onPublish.postProcessMessage(message(null)))).isNull();
    }

    @Test
    void aReceivedMessagesCorrelationIdIsCurrentWhileItIsHandledOnly() throws Throwable {
        try (var outer = CorrelationId.open("outer")) {
            assertThat(handle(message("request-1"))).isEqualTo("request-1");
            assertThat(CorrelationId.current()).isEqualTo("outer");
        }
        assertThat(CorrelationId.current()).isNull();
    }

    @Test
    void aMessageWithoutAnAcceptableCorrelationIdIsHandledUnderANewOne() throws Throwable {
        assertThat(UUID.fromString(handle(message(null)))).isNotNull();
        assertThat(UUID.fromString(handle(message("forged\nline")))).isNotNull();
        assertThat(UUID.fromString(handle(message("x".repeat(200))))).isNotNull();
    }

    private String handle(Message message) throws Throwable {
        var invocation = mock(MethodInvocation.class);
        when(invocation.getArguments()).thenReturn(new Object[] {null, message});
        when(invocation.proceed()).thenAnswer(call -> CorrelationId.current());
        return (String) onReceive.invoke(invocation);
    }

    private static Message message(String correlationId) {
        var builder = MessageBuilder.withBody("{}".getBytes());
        if (correlationId != null) {
            builder.setHeader(CORRELATION_ID_HEADER, correlationId);
        }
        return builder.build();
    }

    private static String header(Message message) {
        return message.getMessageProperties().getHeader(CORRELATION_ID_HEADER);
    }
}

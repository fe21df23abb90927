package io.graphmail.platform.messaging;

import static io.graphmail.contract.MailTopology.CORRELATION_ID_HEADER;

import io.graphmail.platform.logging.CorrelationId;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessagePostProcessor;

/**
 * Gives every message published the current correlation id in {@link
 * io.graphmail.contract.MailTopology#CORRELATION_ID_HEADER}. A message that has one already (a command put
 * back for a retry, a dead letter) keeps it.
 */
final class CorrelationIdOnPublish implements MessagePostProcessor {

    @Override
    public Message postProcessMessage(Message message) {
        String id = CorrelationId.current();
        var properties = message.getMessageProperties();
        if (id != null && properties.getHeader(CORRELATION_ID_HEADER) == null) {
            properties.setHeader(CORRELATION_ID_HEADER, id);
        }
        return message;
    }
}

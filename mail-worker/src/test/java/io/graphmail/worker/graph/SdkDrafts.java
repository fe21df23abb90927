package io.graphmail.worker.graph;

import com.microsoft.graph.models.Message;
import com.microsoft.graph.models.SingleValueLegacyExtendedProperty;
import com.microsoft.kiota.serialization.JsonSerializationWriter;
import io.graphmail.contract.send.SendMailCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * How a draft's body was written before it was written raw: the Graph SDK's {@link Message} model, serialised by
 * Kiota. The reference {@link DraftJson} is held to.
 */
final class SdkDrafts {

    private SdkDrafts() {}

    static Message draftOf(SendMailCommand command, boolean withAttachments) {
        Message message = GraphMessages.sendMailMessageOf(command);
        if (!withAttachments) {
            message.setAttachments(null);
        }
        var key = new SingleValueLegacyExtendedProperty();
        key.setId(GraphMessages.DELIVERY_KEY_PROPERTY);
        key.setValue(command.deliveryKey());
        message.setSingleValueExtendedProperties(List.of(key));
        return message;
    }

    static byte[] json(Message message) {
        try (var writer = new JsonSerializationWriter()) {
            writer.writeObjectValue(null, message);
            try (InputStream content = writer.getSerializedContent()) {
                return content.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.graphmail.simulator.control;

import io.graphmail.simulator.mailbox.FileAttachment;
import io.graphmail.simulator.mailbox.Mailbox;
import io.graphmail.simulator.mailbox.Message;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders the sent log for tests: each message whole, with when it was {@code deliveredAt}, custom headers and extended properties included, and every
 * attachment with the {@code sha256} (hex) of its content, so that copies and attachment integrity can be checked.
 */
@Component
class SentLogJson {

    private final JsonMapper json;

    SentLogJson(JsonMapper json) {
        this.json = json;
    }

    List<ObjectNode> entries(List<Mailbox.Delivery> sent) {
        return sent.stream().map(this::entry).toList();
    }

    private ObjectNode entry(Mailbox.Delivery delivery) {
        Message message = delivery.message();
        ObjectNode node = json.valueToTree(message);
        node.put("deliveredAt", delivery.deliveredAt().toString());
        List<FileAttachment> files = message.attachments() == null ? List.of() : message.attachments();
        var rendered = node.withArray("attachments");
        for (int i = 0; i < files.size(); i++) {
            ((ObjectNode) rendered.get(i)).put("sha256", files.get(i).sha256Hex());
        }
        return node;
    }
}

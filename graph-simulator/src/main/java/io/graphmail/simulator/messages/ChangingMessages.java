package io.graphmail.simulator.messages;

import io.graphmail.simulator.mailbox.BodyPreview;
import io.graphmail.simulator.mailbox.Folder;
import io.graphmail.simulator.mailbox.Mailboxes;
import io.graphmail.simulator.mailbox.Message;
import io.graphmail.simulator.web.GraphErrorException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Changes messages as a user or another client would: each change gets a new change key and enters the change log. */
@Component
public class ChangingMessages {

    /** Properties the store maintains itself; a message changes folder by moving. */
    private static final Set<String> MAINTAINED = Set.of(
            "id",
            "parentfolderid",
            "changekey",
            "createddatetime",
            "lastmodifieddatetime",
            "attachments",
            "hasattachments",
            "weblink");

    private final Mailboxes mailboxes;
    private final JsonMapper json;

    ChangingMessages(Mailboxes mailboxes, JsonMapper json) {
        this.mailboxes = mailboxes;
        this.json = json;
    }

    /** Applies a JSON merge patch of message properties, e.g. {@code {"isRead": true}}. */
    public Message update(String mailbox, String id, JsonNode patch) {
        if (!(patch instanceof ObjectNode properties)) {
            throw GraphErrorException.badRequest("ErrorInvalidRequest", "The patch must be a JSON object.");
        }
        properties.propertyNames().stream()
                .filter(name -> MAINTAINED.contains(name.toLowerCase(Locale.ROOT)))
                .findFirst()
                .ifPresent(name -> {
                    throw GraphErrorException.badRequest(
                            "ErrorInvalidPropertyUpdate", "The property '" + name + "' cannot be changed this way.");
                });
        return mailboxes
                .of(mailbox)
                .update(id, current -> patched(current, properties).revised(folderOf(current), Message.now()))
                .orElseThrow(ChangingMessages::notFound);
    }

    /**
     * Applies a patch as Graph's {@code PATCH /messages/{id}} does: only the properties Graph lets a client change,
     * and extended properties merged by id into those the message has.
     */
    public Message updateAsGraph(String mailbox, String id, JsonNode patch) {
        if (!(patch instanceof ObjectNode properties)) {
            throw GraphErrorException.badRequest("ErrorInvalidRequest", "The patch must be a JSON object.");
        }
        return mailboxes
                .of(mailbox)
                .update(id, current -> {
                    UpdatableProperties.check(current, properties);
                    ObjectNode merged = properties.deepCopy();
                    merged.propertyNames().stream()
                            .filter(name -> name.startsWith("@odata."))
                            .toList()
                            .forEach(merged::remove);
                    mergeExtendedProperties(current, merged);
                    return patched(current, merged).revised(folderOf(current), Message.now());
                })
                .orElseThrow(ChangingMessages::notFound);
    }

    public Message move(String mailbox, String id, Folder destination) {
        return mailboxes
                .of(mailbox)
                .update(id, current -> current.revised(destination, Message.now()))
                .orElseThrow(ChangingMessages::notFound);
    }

    public void delete(String mailbox, String id) {
        if (!mailboxes.of(mailbox).delete(id)) {
            throw notFound();
        }
    }

    private Message patched(Message current, ObjectNode patch) {
        ObjectNode node = json.valueToTree(current);
        node.setAll(patch);
        try {
            Message merged = json.treeToValue(node, Message.class);
            if (patch.has("body") && !patch.has("bodyPreview")) {
                node.put("bodyPreview", BodyPreview.of(merged.body()));
                merged = json.treeToValue(node, Message.class);
            }
            return merged;
        } catch (JacksonException e) {
            throw GraphErrorException.badRequest("ErrorInvalidRequest", "The patch does not fit a message.");
        }
    }

    private void mergeExtendedProperties(Message current, ObjectNode patch) {
        var name = patch.propertyNames().stream()
                .filter(MessageJson.EXTENDED_PROPERTIES::equalsIgnoreCase)
                .findFirst();
        if (name.isEmpty()) {
            return;
        }
        Message.ExtendedProperty[] changed =
                json.treeToValue(patch.remove(name.get()), Message.ExtendedProperty[].class);
        var merged = new LinkedHashMap<String, Message.ExtendedProperty>();
        ExtendedPropertyFilter.properties(current).forEach(property -> merged.put(property.id(), property));
        for (var property : changed) {
            merged.put(property.id(), property);
        }
        patch.set(MessageJson.EXTENDED_PROPERTIES, json.valueToTree(List.copyOf(merged.values())));
    }

    private static Folder folderOf(Message message) {
        return Folder.named(message.parentFolderId());
    }

    private static GraphErrorException notFound() {
        return GraphErrorException.notFound("The specified object was not found in the store.");
    }
}

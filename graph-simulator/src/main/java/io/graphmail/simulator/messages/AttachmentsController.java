package io.graphmail.simulator.messages;

import io.graphmail.simulator.auth.AuthenticatedMailbox;
import io.graphmail.simulator.mailbox.FileAttachment;
import io.graphmail.simulator.mailbox.Mailboxes;
import io.graphmail.simulator.mailbox.Message;
import io.graphmail.simulator.web.GraphErrorException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A message's file attachments: listed, one at a time, or one's raw content ({@code $value}). */
@RestController
@RequestMapping("/v1.0")
class AttachmentsController {

    private final Mailboxes mailboxes;
    private final JsonMapper json;

    AttachmentsController(Mailboxes mailboxes, JsonMapper json) {
        this.mailboxes = mailboxes;
        this.json = json;
    }

    @GetMapping({"/me/messages/{messageId}/attachments", "/users/{userId}/messages/{messageId}/attachments"})
    Map<String, Object> list(
            @PathVariable String messageId,
            @RequestAttribute(AuthenticatedMailbox.ATTRIBUTE) String mailbox,
            @RequestParam(name = "$select", required = false) String select,
            HttpServletRequest request) {
        Message message = message(mailbox, messageId);
        Set<String> selected = MessageQuery.select(select);
        var body = new LinkedHashMap<String, Object>();
        body.put("@odata.context", ODataContext.of(request, "Collection(microsoft.graph.attachment)"));
        body.put(
                "value",
                message.attachments().stream()
                        .map(file -> render(file, selected))
                        .toList());
        return body;
    }

    @GetMapping({
        "/me/messages/{messageId}/attachments/{attachmentId}",
        "/users/{userId}/messages/{messageId}/attachments/{attachmentId}"
    })
    ObjectNode get(
            @PathVariable String messageId,
            @PathVariable String attachmentId,
            @RequestAttribute(AuthenticatedMailbox.ATTRIBUTE) String mailbox,
            @RequestParam(name = "$select", required = false) String select) {
        return render(attachment(mailbox, messageId, attachmentId), MessageQuery.select(select));
    }

    @GetMapping({
        "/me/messages/{messageId}/attachments/{attachmentId}/$value",
        "/users/{userId}/messages/{messageId}/attachments/{attachmentId}/$value"
    })
    ResponseEntity<byte[]> content(
            @PathVariable String messageId,
            @PathVariable String attachmentId,
            @RequestAttribute(AuthenticatedMailbox.ATTRIBUTE) String mailbox) {
        FileAttachment file = attachment(mailbox, messageId, attachmentId);
        if (!file.hasContent()) {
            throw GraphErrorException.notFound(
                    "The simulator keeps only the size and SHA-256 of attachments uploaded in a session over 4 MB.");
        }
        return ResponseEntity.ok().contentType(mediaType(file.contentType())).body(file.content());
    }

    private static MediaType mediaType(String contentType) {
        try {
            return MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }

    private ObjectNode render(FileAttachment file, Set<String> select) {
        ObjectNode node = json.valueToTree(file);
        if (!select.isEmpty()) {
            var kept = new HashSet<>(select);
            kept.add("@odata.type");
            node.retain(kept);
        }
        return node;
    }

    private Message message(String mailbox, String messageId) {
        return mailboxes
                .of(mailbox)
                .find(messageId)
                .orElseThrow(() -> GraphErrorException.notFound("The specified object was not found in the store."));
    }

    private FileAttachment attachment(String mailbox, String messageId, String attachmentId) {
        return message(mailbox, messageId).attachments().stream()
                .filter(file -> file.id().equals(attachmentId))
                .findFirst()
                .orElseThrow(
                        () -> GraphErrorException.notFound("The attachment '" + attachmentId + "' was not found."));
    }
}

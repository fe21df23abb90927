package io.graphmail.simulator.sending;

import io.graphmail.simulator.auth.AuthenticatedMailbox;
import io.graphmail.simulator.mailbox.FileAttachment;
import io.graphmail.simulator.mailbox.Message;
import io.graphmail.simulator.messages.ChangingMessages;
import io.graphmail.simulator.messages.MessageJson;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Graph's message writes: create a draft, update or delete a message, attach a small file. */
@RestController
@RequestMapping("/v1.0")
class DraftsController {

    private final DraftingMessages drafting;
    private final ChangingMessages changing;
    private final MessageJson json;

    DraftsController(DraftingMessages drafting, ChangingMessages changing, MessageJson json) {
        this.drafting = drafting;
        this.changing = changing;
        this.json = json;
    }

    @PostMapping({"/me/messages", "/users/{userId}/messages"})
    @ResponseStatus(HttpStatus.CREATED)
    ObjectNode create(@RequestAttribute(AuthenticatedMailbox.ATTRIBUTE) String mailbox, @RequestBody Message message) {
        return json.message(drafting.create(mailbox, message), Set.of(), false);
    }

    @PatchMapping({"/me/messages/{messageId}", "/users/{userId}/messages/{messageId}"})
    ObjectNode update(
            @PathVariable String messageId,
            @RequestAttribute(AuthenticatedMailbox.ATTRIBUTE) String mailbox,
            @RequestBody JsonNode patch) {
        return json.message(changing.updateAsGraph(mailbox, messageId, patch), Set.of(), false);
    }

    @DeleteMapping({"/me/messages/{messageId}", "/users/{userId}/messages/{messageId}"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String messageId, @RequestAttribute(AuthenticatedMailbox.ATTRIBUTE) String mailbox) {
        changing.delete(mailbox, messageId);
    }

    @PostMapping({"/me/messages/{messageId}/attachments", "/users/{userId}/messages/{messageId}/attachments"})
    @ResponseStatus(HttpStatus.CREATED)
    FileAttachment attach(
            @PathVariable String messageId,
            @RequestAttribute(AuthenticatedMailbox.ATTRIBUTE) String mailbox,
            @RequestBody FileAttachment attachment) {
        return drafting.attach(mailbox, messageId, attachment);
    }
}

package io.graphmail.simulator.control;

import io.graphmail.simulator.mailbox.Folder;
import io.graphmail.simulator.mailbox.Message;
import io.graphmail.simulator.messages.ChangingMessages;
import io.graphmail.simulator.web.GraphErrorException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Control API: change a mailbox as its user would, so that delta queries have something to report. */
@RestController
@RequestMapping("/_sim/mailboxes/{mailbox}/messages")
class MailboxChangesController {

    private final GeneratingMessages generating;
    private final ChangingMessages changing;

    MailboxChangesController(GeneratingMessages generating, ChangingMessages changing) {
        this.generating = generating;
        this.changing = changing;
    }

    /** Where to move a message: {@code folder}, or {@code destinationId} as Graph's move action names it. */
    record MoveRequest(String folder, String destinationId) {

        Folder destination() {
            String name = folder != null ? folder : destinationId;
            if (name == null) {
                throw GraphErrorException.badRequest("ErrorInvalidRequest", "Name the destination 'folder'.");
            }
            return Folder.named(name);
        }
    }

    @PostMapping("/generate")
    @ResponseStatus(HttpStatus.CREATED)
    GeneratingMessages.Generated generate(@PathVariable String mailbox, @RequestBody GenerateMessagesRequest request) {
        return generating.generate(mailbox, request);
    }

    @PatchMapping("/{id}")
    Message update(@PathVariable String mailbox, @PathVariable String id, @RequestBody JsonNode patch) {
        return changing.update(mailbox, id, patch);
    }

    @PostMapping("/{id}/move")
    Message move(@PathVariable String mailbox, @PathVariable String id, @RequestBody MoveRequest request) {
        return changing.move(mailbox, id, request.destination());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String mailbox, @PathVariable String id) {
        changing.delete(mailbox, id);
    }
}

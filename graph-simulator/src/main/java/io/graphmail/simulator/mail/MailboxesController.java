package io.graphmail.simulator.mail;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Control API: seed mailboxes, see what was sent, start afresh. */
@RestController
@RequestMapping("/_sim/mailboxes")
class MailboxesController {

    private final Mailboxes mailboxes;
    private final JsonMapper json;

    MailboxesController(Mailboxes mailboxes, JsonMapper json) {
        this.mailboxes = mailboxes;
        this.json = json;
    }

    /** Files one message (a JSON object) or many (a JSON array), by default in the inbox. */
    @PostMapping("/{mailbox}/messages")
    @ResponseStatus(HttpStatus.CREATED)
    Object seed(
            @PathVariable String mailbox,
            @RequestParam(defaultValue = "inbox") String folder,
            @RequestBody JsonNode body) {
        var target = mailboxes.of(mailbox);
        var into = Folder.named(folder);
        if (body.isArray()) {
            return body.values().stream().map(node -> file(target, into, node)).toList();
        }
        return file(target, into, body);
    }

    @GetMapping("/{mailbox}/sent")
    Map<String, List<Message>> sent(@PathVariable String mailbox) {
        return Map.of("value", mailboxes.of(mailbox).sent());
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void clear() {
        mailboxes.clear();
    }

    private Message file(Mailbox mailbox, Folder folder, JsonNode node) {
        Message message = json.treeToValue(node, Message.class).filedIn(folder, Message.now());
        mailbox.file(message);
        return message;
    }
}

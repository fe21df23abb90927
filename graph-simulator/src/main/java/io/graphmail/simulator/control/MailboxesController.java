package io.graphmail.simulator.control;

import io.graphmail.simulator.mailbox.Folder;
import io.graphmail.simulator.mailbox.Mailbox;
import io.graphmail.simulator.mailbox.Mailboxes;
import io.graphmail.simulator.mailbox.Message;
import java.time.Instant;
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
import tools.jackson.databind.node.ObjectNode;

/** Control API: seed mailboxes, see what they hold and what was sent, start afresh. */
@RestController
@RequestMapping("/_sim/mailboxes")
class MailboxesController {

    private final Mailboxes mailboxes;
    private final JsonMapper json;
    private final SentLogJson sentLog;

    MailboxesController(Mailboxes mailboxes, JsonMapper json, SentLogJson sentLog) {
        this.mailboxes = mailboxes;
        this.json = json;
        this.sentLog = sentLog;
    }

    /** What a test compares a synchronized copy of a folder with. */
    record FolderEntry(
            String id,
            String subject,
            Boolean isRead,
            Instant receivedDateTime,
            Instant lastModifiedDateTime,
            String changeKey,
            List<String> categories) {

        static FolderEntry of(Message message) {
            return new FolderEntry(
                    message.id(),
                    message.subject(),
                    message.isRead(),
                    message.receivedDateTime(),
                    message.lastModifiedDateTime(),
                    message.changeKey(),
                    message.categories());
        }
    }

    record FolderContents(String folder, int count, List<FolderEntry> value) {}

    /**
     * Files one message (a JSON object) or many (a JSON array) in the folder each names as {@code parentFolderId}, or
     * else in the {@code folder} given, by default the inbox.
     */
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

    /** The messages in a folder, in filing order. */
    @GetMapping("/{mailbox}/folders/{folder}/messages")
    FolderContents contents(@PathVariable String mailbox, @PathVariable String folder) {
        var into = Folder.named(folder);
        var entries = mailboxes.of(mailbox).messagesIn(into).stream()
                .map(FolderEntry::of)
                .toList();
        return new FolderContents(into.wellKnownName(), entries.size(), entries);
    }

    @GetMapping("/{mailbox}/sent")
    Map<String, List<ObjectNode>> sent(@PathVariable String mailbox) {
        return Map.of("value", sentLog.entries(mailboxes.of(mailbox).delivered(Instant.now())));
    }

    /** Messages accepted but not yet delivered, each with the {@code deliveredAt} its slot comes at. */
    @GetMapping("/{mailbox}/outbox")
    Map<String, List<ObjectNode>> outbox(@PathVariable String mailbox) {
        return Map.of("value", sentLog.entries(mailboxes.of(mailbox).pending(Instant.now())));
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void clear() {
        mailboxes.clear();
    }

    private Message file(Mailbox mailbox, Folder folder, JsonNode node) {
        Message seeded = json.treeToValue(node, Message.class);
        Folder into = seeded.parentFolderId() == null ? folder : Folder.named(seeded.parentFolderId());
        Message message = seeded.filedIn(into, Message.now());
        mailbox.file(message);
        return message;
    }
}

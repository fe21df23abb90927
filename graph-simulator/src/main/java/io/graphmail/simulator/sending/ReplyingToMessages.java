package io.graphmail.simulator.sending;

import io.graphmail.simulator.mailbox.Mailboxes;
import io.graphmail.simulator.mailbox.Message;
import io.graphmail.simulator.web.GraphErrorException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creates reply drafts as Graph's {@code createReply} and {@code createReplyAll} do: {@code RE:} subject, the same
 * conversation, the original quoted, addressed to its {@code replyTo} (else its sender) and, replying to all, to its
 * other recipients but the mailbox itself.
 */
@Component
class ReplyingToMessages {

    /** Properties of the given message that the store maintains itself and a reply never takes over. */
    private static final Set<String> MAINTAINED =
            Set.of("id", "parentfolderid", "changekey", "createddatetime", "lastmodifieddatetime", "conversationid");

    private final Mailboxes mailboxes;
    private final DraftingMessages drafting;
    private final JsonMapper json;

    ReplyingToMessages(Mailboxes mailboxes, DraftingMessages drafting, JsonMapper json) {
        this.mailboxes = mailboxes;
        this.drafting = drafting;
        this.json = json;
    }

    Message createReply(String address, String id, CreateReplyRequest request, boolean toAll) {
        Message original = mailboxes.of(address).find(id).orElseThrow(DraftingMessages::notFound);
        var given = request == null ? null : request.message();
        String comment = request == null ? null : request.comment();
        if (comment != null && given != null && given.has("body")) {
            throw GraphErrorException.badRequest(
                    "ErrorInvalidRequest", "Specify either a comment or the body of the message, not both.");
        }
        ObjectNode reply = json.createObjectNode();
        reply.put("subject", subject(original.subject()));
        reply.put("conversationId", original.conversationId());
        reply.set("body", json.valueToTree(ReplyBody.quoting(original, comment)));
        List<Message.Recipient> to = toAll ? without(address, everyoneAnswered(original)) : answered(original);
        reply.set("toRecipients", json.valueToTree(to));
        if (toAll) {
            var cc = without(address, Objects.requireNonNullElse(original.ccRecipients(), List.of()));
            cc.removeIf(recipient -> to.stream().anyMatch(other -> sameAddress(other, recipient)));
            reply.set("ccRecipients", json.valueToTree(cc));
        }
        if (given instanceof ObjectNode properties) {
            properties.properties().stream()
                    .filter(property -> !MAINTAINED.contains(property.getKey().toLowerCase(Locale.ROOT)))
                    .forEach(property -> reply.set(property.getKey(), property.getValue()));
        }
        return drafting.create(address, json.treeToValue(reply, Message.class));
    }

    private static String subject(String original) {
        String subject = Objects.requireNonNullElse(original, "");
        return subject.regionMatches(true, 0, "RE:", 0, 3) ? subject : "RE: " + subject;
    }

    /** Whom a reply goes to: the original's {@code replyTo} if it names anyone, else its sender. */
    private static List<Message.Recipient> answered(Message original) {
        if (original.replyTo() != null && !original.replyTo().isEmpty()) {
            return List.copyOf(original.replyTo());
        }
        Message.Recipient sender = original.from() != null ? original.from() : original.sender();
        return sender == null ? List.of() : List.of(sender);
    }

    private static List<Message.Recipient> everyoneAnswered(Message original) {
        var everyone = new ArrayList<>(answered(original));
        everyone.addAll(Objects.requireNonNullElse(original.toRecipients(), List.of()));
        return everyone;
    }

    /** The recipients but {@code mailbox}, each address once. */
    private static List<Message.Recipient> without(String mailbox, List<Message.Recipient> recipients) {
        Map<String, Message.Recipient> unique = new LinkedHashMap<>();
        for (var recipient : recipients) {
            String address = addressOf(recipient);
            if (address != null && !address.equals(mailbox.toLowerCase(Locale.ROOT))) {
                unique.putIfAbsent(address, recipient);
            }
        }
        return new ArrayList<>(unique.values());
    }

    private static boolean sameAddress(Message.Recipient one, Message.Recipient other) {
        return Objects.equals(addressOf(one), addressOf(other));
    }

    private static String addressOf(Message.Recipient recipient) {
        return recipient == null
                        || recipient.emailAddress() == null
                        || recipient.emailAddress().address() == null
                ? null
                : recipient.emailAddress().address().toLowerCase(Locale.ROOT);
    }
}

package io.graphmail.simulator.control;

import io.graphmail.simulator.mailbox.Folder;
import io.graphmail.simulator.mailbox.Mailbox;
import io.graphmail.simulator.mailbox.Mailboxes;
import io.graphmail.simulator.mailbox.Message;
import io.graphmail.simulator.web.GraphErrorException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.springframework.stereotype.Component;

/** Files many realistic messages at once, for tests and benchmarks that need full folders. */
@Component
class GeneratingMessages {

    static final int MAX_COUNT = 100_000;
    static final int MAX_ATTACHMENT_BYTES = 3 * 1024 * 1024;

    /** The generated messages' ids, in the order they were received. */
    record Generated(String folder, int count, List<String> ids) {}

    private final Mailboxes mailboxes;

    GeneratingMessages(Mailboxes mailboxes) {
        this.mailboxes = mailboxes;
    }

    Generated generate(String address, GenerateMessagesRequest request) {
        int count = within("count", request.count(), null, 1, MAX_COUNT);
        Folder folder = Folder.named(Objects.requireNonNullElse(request.folder(), Folder.INBOX.wellKnownName()));
        var shape = new SampleMail.Shape(
                within("bodyBytes", request.bodyBytes(), 4000, 0, 1_000_000),
                within("attachments", request.attachments(), 0, 0, 20),
                within("attachmentBytes", request.attachmentBytes(), 2048, 0, MAX_ATTACHMENT_BYTES),
                request.isRead());
        int interval = within("intervalSeconds", request.intervalSeconds(), 60, 0, 86_400);
        Instant now = Message.now();
        Instant start = Objects.requireNonNullElse(request.startDateTime(), now.minusSeconds((long) interval * count));
        var sample = new SampleMail(
                request.seed() == null ? new Random() : new Random(request.seed()),
                address,
                folder == Folder.SENT_ITEMS);
        Mailbox mailbox = mailboxes.of(address);
        var ids = new ArrayList<String>(count);
        for (int i = 0; i < count; i++) {
            Message message = sample.message(i, start.plusSeconds((long) interval * i), shape)
                    .filedIn(folder, now);
            mailbox.file(message);
            ids.add(message.id());
        }
        return new Generated(folder.wellKnownName(), count, ids);
    }

    private static int within(String name, Integer value, Integer fallback, int min, int max) {
        Integer actual = value == null ? fallback : value;
        if (actual == null || actual < min || actual > max) {
            throw GraphErrorException.badRequest(
                    "ErrorInvalidRequest", "'" + name + "' must be between " + min + " and " + max + ".");
        }
        return actual;
    }
}

package io.graphmail.simulator.mailbox;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The size Exchange weighs a message at against its size limit: the message as sent, where attachments travel
 * Base64-encoded (a third larger). The subject and body count as UTF-8; headers are left out.
 */
final class MessageSize {

    private MessageSize() {}

    static long asSent(Message message) {
        long size = utf8(message.subject());
        if (message.body() != null) {
            size += utf8(message.body().content());
        }
        List<FileAttachment> files = message.attachments() == null ? List.of() : message.attachments();
        for (FileAttachment file : files) {
            long raw = file.size() == null ? file.content().length : file.size();
            size += (raw + 2) / 3 * 4;
        }
        return size;
    }

    private static long utf8(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }
}

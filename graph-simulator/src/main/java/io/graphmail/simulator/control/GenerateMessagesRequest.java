package io.graphmail.simulator.control;

import java.time.Instant;

/**
 * What {@code POST /_sim/mailboxes/{mailbox}/messages/generate} makes. Only {@code count} is required.
 *
 * @param count how many messages, 1 to 100,000
 * @param folder the folder's well-known name; default {@code inbox}
 * @param bodyBytes about how long each HTML body is; default 4,000
 * @param attachments file attachments per message; default 0
 * @param attachmentBytes the size of each attachment; default 2,048, at most 3 MB (Graph's inline limit)
 * @param startDateTime when the first message was received; default {@code count × intervalSeconds} ago
 * @param intervalSeconds between one message's receipt and the next's; default 60
 * @param isRead every message read or unread; default a third of them read, at random
 * @param seed makes the content repeatable; default random
 */
record GenerateMessagesRequest(
        Integer count,
        String folder,
        Integer bodyBytes,
        Integer attachments,
        Integer attachmentBytes,
        Instant startDateTime,
        Integer intervalSeconds,
        Boolean isRead,
        Long seed) {}

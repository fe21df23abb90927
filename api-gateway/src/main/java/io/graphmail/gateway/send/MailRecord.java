package io.graphmail.gateway.send;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A submitted message as the gateway tracks it.
 *
 * @param outbox the command as published, kept until the broker confirms it so that a sweeper can
 *     publish it should the gateway stop in between; {@code null} once published
 */
@Document("mail")
record MailRecord(
        @Id String id,
        String accountId,
        MailStatus status,
        int attempts,
        String lastError,
        Instant acceptedAt,
        Instant sentAt,
        @Indexed boolean pendingPublish,
        String outbox) {}

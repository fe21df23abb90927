package io.graphmail.gateway.suppressions;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An address a client's mail is no longer sent to: one document per client and address (lower case), its id both
 * together so that adding it twice keeps one.
 *
 * @param reason {@code bounced} (a hard bounce) or {@code manual}
 * @param statusCode the bounce's enhanced status code, if it came from one
 * @param mailId the message that bounced, if any
 */
@Document("suppressions")
public record Suppression(
        @Id String id,
        @Indexed String client,
        String address,
        String reason,
        String statusCode,
        String mailId,
        Instant createdAt) {

    static String idOf(String client, String address) {
        return client + "|" + address;
    }
}

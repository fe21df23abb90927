package io.graphmail.gateway.mail;

import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.springframework.data.mongodb.core.convert.MongoConverter;

/**
 * A {@link MailRecord} as the document Spring Data's mapping writes for it, built by hand: for a batch the mapping
 * cost as much as the bulk insert. {@code MailDocumentsTests} holds the two forms equal.
 */
final class MailDocuments {

    private MailDocuments() {}

    /** Components that are {@code null} are left out, as Spring Data leaves them out. */
    static Document of(MailRecord record, MongoConverter converter) {
        var document = new Document("_id", record.id());
        putUnlessNull(document, "accountId", record.accountId());
        putUnlessNull(
                document,
                "status",
                record.status() == null ? null : record.status().name());
        document.put("attempts", record.attempts());
        putUnlessNull(document, "lastError", record.lastError());
        putUnlessNull(document, "acceptedAt", date(record.acceptedAt()));
        putUnlessNull(document, "sentAt", date(record.sentAt()));
        document.put("pendingPublish", record.pendingPublish());
        putUnlessNull(document, "publishAt", date(record.publishAt()));
        putUnlessNull(document, "batchId", record.batchId());
        putUnlessNull(document, "outbox", record.outbox());
        putUnlessNull(document, "correlationId", record.correlationId());
        putUnlessNull(document, "client", record.client());
        if (record.bounce() != null) {
            document.put("bounce", converter.convertToMongoType(record.bounce()));
        }
        if (record.isAwaitingWindow()) {
            document.put("awaitsWindow", true);
        }
        document.put("_class", MailRecord.class.getName());
        return document;
    }

    private static void putUnlessNull(Document document, String key, Object value) {
        if (value != null) {
            document.put(key, value);
        }
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}

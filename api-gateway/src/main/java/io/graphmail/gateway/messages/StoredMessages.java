package io.graphmail.gateway.messages;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Reads the {@code messages} collection; the mail worker is its only writer. */
@Component
class StoredMessages {

    private final MongoTemplate mongo;

    StoredMessages(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Up to {@code count} messages matching the query, in its order, after its position; without bodies. */
    List<StoredMessage> page(MessageQuery messageQuery, int count) {
        Query page = new Query(MessageCriteria.of(messageQuery))
                .with(Sort.by(messageQuery.direction(), "receivedDateTime", "_id"))
                .limit(count);
        page.fields().exclude("body");
        return mongo.find(page, StoredMessage.class);
    }

    Optional<StoredMessage> find(String id) {
        return Optional.ofNullable(mongo.findById(id, StoredMessage.class));
    }

    /** The message with only its id and attachments read. */
    Optional<StoredMessage> attachmentsOf(String id) {
        Query attachments = query(where("_id").is(id));
        attachments.fields().include("attachments").include("accountId");
        return Optional.ofNullable(mongo.findOne(attachments, StoredMessage.class));
    }
}

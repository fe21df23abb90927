package io.graphmail.worker.send.deliveries;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Finds what we sent by the Internet message id Graph gave its draft, as non-delivery reports name it. */
@Component
public class SentMessages {

    static final String INTERNET_MESSAGE_ID = "internetMessageId";

    private final MongoTemplate mongo;

    SentMessages(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** A delivery of ours: its key ({@code commandId}, or {@code commandId#n} for a resubmission) and account. */
    public record SentMessage(String deliveryKey, String accountId) {}

    public Optional<SentMessage> byInternetMessageId(String internetMessageId) {
        var query = query(where(INTERNET_MESSAGE_ID).is(internetMessageId));
        query.fields().include("_id", "accountId");
        return Optional.ofNullable(mongo.findOne(query, Document.class, mongo.getCollectionName(Delivery.class)))
                .map(found -> new SentMessage(found.getString("_id"), found.getString("accountId")));
    }
}

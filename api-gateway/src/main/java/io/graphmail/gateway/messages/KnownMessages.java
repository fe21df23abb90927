package io.graphmail.gateway.messages;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** What other features may ask about synced messages. */
@Component
public class KnownMessages {

    private static final String MESSAGES = "messages";

    private final MongoTemplate mongo;

    KnownMessages(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Graph's ids of those of these messages that are in the account's mailbox (not deleted from it),
     * keyed by our message id; the others are absent.
     */
    public Map<String, String> graphIdsInMailbox(String accountId, Collection<String> messageIds) {
        var inMailbox = query(where("_id")
                .in(messageIds)
                .and("accountId")
                .is(accountId)
                .and("deletedAt")
                .is(null));
        inMailbox.fields().include("graphId");
        var graphIds = new HashMap<String, String>();
        for (Document message : mongo.find(inMailbox, Document.class, MESSAGES)) {
            String graphId = message.getString("graphId");
            if (graphId != null) {
                graphIds.put(message.getString("_id"), graphId);
            }
        }
        return graphIds;
    }
}

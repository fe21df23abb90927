package io.graphmail.worker.accounts;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.List;
import java.util.Optional;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Looks accounts up in the gateway's collection; never writes it. */
@Component
public class AccountDirectory {

    private final MongoTemplate mongo;

    AccountDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<AccountSettings> find(String accountId) {
        return Optional.ofNullable(mongo.findById(accountId, AccountSettings.class));
    }

    /** The account as read at most a second ago (sending reads it for every message). */
    @Cacheable(cacheNames = "sending-accounts", unless = "#result == null")
    public Optional<AccountSettings> findRecent(String accountId) {
        return find(accountId);
    }

    /** The application accounts the gateway recorded with this status. */
    List<AccountSettings> withStatus(String status) {
        return mongo.find(
                query(where("status").is(status).and("type").is(AccountSettings.Type.APPLICATION)),
                AccountSettings.class);
    }
}

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
class MongoAccountDirectory implements AccountDirectory {

    private final MongoTemplate mongo;

    MongoAccountDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Optional<AccountSettings> find(String accountId) {
        return Optional.ofNullable(mongo.findById(accountId, AccountSettings.class));
    }

    @Cacheable(cacheNames = "sending-accounts", unless = "#result == null")
    @Override
    public Optional<AccountSettings> findRecent(String accountId) {
        return find(accountId);
    }

    @Override
    public List<AccountSettings> withStatus(String status) {
        return mongo.find(
                query(where("status").is(status).and("type").is(AccountSettings.Type.APPLICATION)),
                AccountSettings.class);
    }
}

package io.graphmail.worker.accounts;

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
}

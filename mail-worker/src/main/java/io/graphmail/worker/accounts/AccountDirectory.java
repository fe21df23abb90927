package io.graphmail.worker.accounts;

import java.util.Optional;
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
}

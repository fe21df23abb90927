package io.graphmail.gateway.accounts;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.graphmail.gateway.security.ApiClient;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The {@code accounts} collection; the gateway is its only writer. */
@Component
public class Accounts {

    private final MongoTemplate mongo;

    Accounts(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** @throws org.springframework.dao.DuplicateKeyException if the id is taken */
    void insert(Account account) {
        mongo.insert(account);
    }

    Optional<Account> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Account.class));
    }

    /** The accounts the client may use, ordered by id, starting after {@code afterId} (keyset pagination). */
    List<Account> page(String afterId, int limit, ApiClient client) {
        var criteria = afterId == null ? new Criteria() : where("_id").gt(afterId);
        if (!client.isAdmin() && !client.accounts().contains(ApiClient.ALL_ACCOUNTS)) {
            criteria = criteria.andOperator(new Criteria()
                    .orOperator(where("owner").is(client.id()), where("_id").in(client.accounts())));
        }
        return mongo.find(query(criteria).with(Sort.by("_id")).limit(limit), Account.class);
    }

    boolean delete(String id) {
        return mongo.remove(query(where("_id").is(id)), Account.class).getDeletedCount() > 0;
    }

    public void updateStatus(String id, AccountStatus status, String reason, String mailbox, Instant at) {
        var update =
                new Update().set("status", status).set("statusReason", reason).set("updatedAt", at);
        if (mailbox != null) {
            update.set("mailbox", mailbox);
        }
        mongo.updateFirst(query(where("_id").is(id)), update, Account.class);
    }

    void updateLimits(String id, SendingLimits limits, Instant at) {
        mongo.updateFirst(
                query(where("_id").is(id)), new Update().set("limits", limits).set("updatedAt", at), Account.class);
    }

    List<String> idsWithStatus(AccountStatus status) {
        var withStatus = query(where("status").is(status));
        withStatus.fields().include("_id");
        return mongo.find(withStatus, Account.class).stream().map(Account::id).toList();
    }

    public long countByStatus(AccountStatus status) {
        return mongo.count(query(where("status").is(status)), Account.class);
    }
}

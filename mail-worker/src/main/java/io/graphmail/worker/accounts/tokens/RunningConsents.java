package io.graphmail.worker.accounts.tokens;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.graphmail.contract.accounts.ConsentStarted;
import java.time.Instant;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;

/** The {@code consent_flows} collection (workers only): device codes still waiting for their user. */
@Component
class RunningConsents {

    private final MongoTemplate mongo;

    RunningConsents(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    Optional<ConsentStarted> find(String accountId, Instant now) {
        return Optional.ofNullable(mongo.findById(accountId, Flow.class))
                .filter(flow -> flow.expiresAt().isAfter(now))
                .map(flow -> new ConsentStarted(
                        accountId, flow.userCode(), flow.verificationUri(), flow.expiresAt(), flow.message(), null));
    }

    void save(ConsentStarted started) {
        mongo.save(new Flow(
                started.accountId(),
                started.userCode(),
                started.verificationUri(),
                started.expiresAt(),
                started.message()));
    }

    void delete(String accountId) {
        mongo.remove(query(where("_id").is(accountId)), Flow.class);
    }

    @Document("consent_flows")
    record Flow(@Id String accountId, String userCode, String verificationUri, Instant expiresAt, String message) {}
}

package io.graphmail.gateway.suppressions;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Each client's suppression list: addresses its mail is no longer sent to unless a request insists. */
@Component
public class Suppressions {

    /** Addresses looked up in one query: a 10,000-message batch may name many more. */
    private static final int PER_QUERY = 1000;

    private final MongoTemplate mongo;
    private final Clock clock;
    private final MeterRegistry meters;

    Suppressions(MongoTemplate mongo, Clock clock, MeterRegistry meters) {
        this.mongo = mongo;
        this.clock = clock;
        this.meters = meters;
    }

    /** Adds the address to the client's list; a second add keeps the first entry. Returns whether it was new. */
    public boolean add(String client, String address, String reason, String statusCode, String mailId) {
        String normalised = normalise(address);
        var before = mongo.findAndModify(
                query(where("_id").is(Suppression.idOf(client, normalised))),
                new Update()
                        .setOnInsert("client", client)
                        .setOnInsert("address", normalised)
                        .setOnInsert("reason", reason)
                        .setOnInsert("statusCode", statusCode)
                        .setOnInsert("mailId", mailId)
                        .setOnInsert("createdAt", clock.instant()),
                FindAndModifyOptions.options().upsert(true).returnNew(false),
                Suppression.class);
        if (before == null) {
            meters.counter("graphmail.suppressions.added", "reason", reason).increment();
        }
        return before == null;
    }

    /** Which of these addresses the client has suppressed, lower case; a query per {@value #PER_QUERY} addresses. */
    public List<String> suppressedAmong(String client, Collection<String> addresses) {
        var ids = addresses.stream()
                .map(address -> Suppression.idOf(client, normalise(address)))
                .distinct()
                .toList();
        var suppressed = new ArrayList<String>();
        for (int from = 0; from < ids.size(); from += PER_QUERY) {
            var chunk = ids.subList(from, Math.min(ids.size(), from + PER_QUERY));
            mongo.find(query(where("_id").in(chunk)), Suppression.class).stream()
                    .map(Suppression::address)
                    .forEach(suppressed::add);
        }
        return suppressed;
    }

    public boolean remove(String client, String address) {
        return mongo.remove(query(where("_id").is(Suppression.idOf(client, normalise(address)))), Suppression.class)
                        .getDeletedCount()
                > 0;
    }

    /** The client's entries by address, after {@code after} (exclusive) when given. */
    List<Suppression> page(String client, String after, int limit) {
        var criteria = where("client").is(client);
        if (after != null) {
            criteria = criteria.and("address").gt(normalise(after));
        }
        return mongo.find(query(criteria).with(Sort.by("address")).limit(limit), Suppression.class);
    }

    static String normalise(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }
}

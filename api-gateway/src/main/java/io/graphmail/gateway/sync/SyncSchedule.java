package io.graphmail.gateway.sync;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.graphmail.gateway.accounts.KnownAccounts;
import io.graphmail.gateway.notifications.PushedFolders;
import io.graphmail.platform.messaging.PublishFailed;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Syncs every active account once per interval, however many gateways run. Time is cut into
 * numbered rounds of one interval; a gateway that finds the current round not yet claimed in
 * {@code sync_schedule} claims it atomically and publishes the commands, so each round fires once.
 * ShedLock keeps two gateways from even trying at the same moment. Folders whose changes Graph pushes are polled
 * only in the safety round of each pushed interval ({@link PushedFolders}).
 */
@Component
@ConditionalOnProperty(name = "graphmail.sync.schedule-enabled", matchIfMissing = true)
class SyncSchedule {

    private static final Logger log = LoggerFactory.getLogger(SyncSchedule.class);
    private static final String SCHEDULE = "mailbox-sync";
    private static final String COLLECTION = "sync_schedule";

    private final KnownAccounts accounts;
    private final PushedFolders pushedFolders;
    private final RequestingSync requestingSync;
    private final MongoTemplate mongo;
    private final Clock clock;
    private final Duration interval;

    SyncSchedule(
            KnownAccounts accounts,
            PushedFolders pushedFolders,
            RequestingSync requestingSync,
            MongoTemplate mongo,
            Clock clock,
            SyncProperties properties) {
        this.accounts = accounts;
        this.pushedFolders = pushedFolders;
        this.requestingSync = requestingSync;
        this.mongo = mongo;
        this.clock = clock;
        this.interval = properties.interval();
    }

    @Scheduled(fixedDelayString = "${graphmail.sync.check-every:10s}")
    @SchedulerLock(name = "mailbox-sync-schedule", lockAtMostFor = "5m")
    void syncAllWhenDue() {
        long round = clock.millis() / interval.toMillis();
        if (!claim(round)) {
            return;
        }
        int requested = 0;
        var runId = UUID.randomUUID();
        for (String accountId : accounts.activeAccountIds()) {
            var toPoll = pushedFolders.foldersToPoll(accountId, round, interval, clock.instant());
            if (toPoll.isPresent() && toPoll.get().isEmpty()) {
                continue;
            }
            try {
                requestingSync.publish(
                        accountId,
                        toPoll.map(folders -> new SyncRequest(folders, null, null))
                                .orElse(SyncRequest.DEFAULTS),
                        runId,
                        "schedule");
                requested++;
            } catch (PublishFailed e) {
                log.warn("Broker unavailable; scheduled sync of {} waits for the next round", accountId);
            }
        }
        log.info("Scheduled sync round {} (run {}): {} accounts", round, runId, requested);
    }

    /**
     * True for exactly one caller per round, across all gateways. Claims an existing schedule document without an
     * upsert: an upsert that does not match inserts, and the duplicate key it then hits would be logged by MongoDB
     * on every check, that is every few seconds for most of each round.
     */
    boolean claim(long round) {
        var claimed = mongo.findAndModify(
                query(where("_id").is(SCHEDULE).and("round").lt(round)),
                new Update().set("round", round).set("claimedAt", clock.instant()),
                FindAndModifyOptions.options().returnNew(true),
                Document.class,
                COLLECTION);
        if (claimed != null) {
            return true;
        }
        if (mongo.exists(query(where("_id").is(SCHEDULE)), COLLECTION)) {
            return false;
        }
        try {
            mongo.insert(
                    new Document("_id", SCHEDULE).append("round", round).append("claimedAt", clock.instant()),
                    COLLECTION);
            return true;
        } catch (DuplicateKeyException firstRoundClaimedMeanwhile) {
            return false;
        }
    }
}

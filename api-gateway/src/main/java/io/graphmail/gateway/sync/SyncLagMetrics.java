package io.graphmail.gateway.sync;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code graphmail_sync_lag_seconds{account, folder}}: how long ago each folder last finished a sync
 * round, refreshed from the workers' {@code sync_states}, for alerts on mailboxes that stopped syncing.
 */
@Component
class SyncLagMetrics {

    private final MongoTemplate mongo;
    private final Clock clock;
    private final MultiGauge lag;

    SyncLagMetrics(MongoTemplate mongo, Clock clock, MeterRegistry meterRegistry) {
        this.mongo = mongo;
        this.clock = clock;
        this.lag = MultiGauge.builder("graphmail.sync.lag")
                .baseUnit("seconds")
                .description("Time since the folder's last completed sync round")
                .register(meterRegistry);
    }

    @Scheduled(fixedDelayString = "${graphmail.sync.lag-refresh:30s}")
    void refresh() {
        var now = clock.instant();
        var synced = mongo.find(query(where("lastCompletedAt").ne(null)), FolderSyncStatus.class);
        lag.register(
                synced.stream()
                        .map(state -> MultiGauge.Row.of(
                                Tags.of("account", state.accountId(), "folder", state.folder()),
                                Duration.between(state.lastCompletedAt(), now).toSeconds()))
                        .toList(),
                true);
    }
}

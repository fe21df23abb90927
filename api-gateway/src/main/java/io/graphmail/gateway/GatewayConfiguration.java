package io.graphmail.gateway;

import io.graphmail.platform.health.HealthConfiguration;
import io.graphmail.platform.json.JsonConfiguration;
import io.graphmail.platform.locking.MongoLocks;
import io.graphmail.platform.mongodb.EntityIndexes;
import io.graphmail.platform.mongodb.MongoTimeoutsConfiguration;
import io.graphmail.platform.mongodb.ScheduledTaskErrorsConfiguration;
import io.graphmail.platform.secrets.SecretAliases;
import java.time.Clock;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;

@Configuration(proxyBeanMethods = false)
@Import({
    HealthConfiguration.class,
    JsonConfiguration.class,
    MongoTimeoutsConfiguration.class,
    ScheduledTaskErrorsConfiguration.class,
    EntityIndexes.class
})
@EnableSchedulerLock(defaultLockAtMostFor = "1m")
// The gateway needs the secret aliases' names only, to refuse a registration naming none of them.
@EnableConfigurationProperties(SecretAliases.class)
class GatewayConfiguration {

    /** Scheduled work runs on one gateway at a time, whatever the number of replicas. */
    @Bean
    LockProvider lockProvider(MongoTemplate mongo) {
        return new MongoLocks(mongo.getDb());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}

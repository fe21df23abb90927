package io.graphmail.worker;

import io.graphmail.platform.health.HealthConfiguration;
import io.graphmail.platform.json.JsonConfiguration;
import io.graphmail.platform.mongodb.EntityIndexes;
import io.graphmail.platform.mongodb.MongoTimeoutsConfiguration;
import io.graphmail.platform.mongodb.ScheduledTaskErrorsConfiguration;
import io.graphmail.platform.secrets.SecretAliases;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@Import({
    HealthConfiguration.class,
    JsonConfiguration.class,
    MongoTimeoutsConfiguration.class,
    ScheduledTaskErrorsConfiguration.class,
    EntityIndexes.class
})
@EnableCaching
@EnableScheduling
@EnableConfigurationProperties(SecretAliases.class)
class WorkerConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}

package io.graphmail.platform.mongodb;

import java.util.concurrent.TimeUnit;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Bounds the MongoDB driver's waits by {@link MongoTimeouts} (they override the same options in the URI). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MongoTimeouts.class)
public class MongoTimeoutsConfiguration {

    @Bean
    MongoClientSettingsBuilderCustomizer boundedMongoTimeouts(MongoTimeouts timeouts) {
        return settings -> settings.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(
                        timeouts.serverSelection().toMillis(), TimeUnit.MILLISECONDS))
                .applyToSocketSettings(
                        socket -> socket.connectTimeout(timeouts.connect().toMillis(), TimeUnit.MILLISECONDS)
                                .readTimeout(timeouts.read().toMillis(), TimeUnit.MILLISECONDS));
    }
}

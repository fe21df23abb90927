package io.graphmail.platform.health;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Replaces Boot's MongoDB health indicator (same name, so the {@code readiness} group keeps {@code mongo}). */
@Configuration(proxyBeanMethods = false)
public class HealthConfiguration {

    @Bean
    MongoPingHealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
        return new MongoPingHealthIndicator(mongo);
    }
}

package io.graphmail.gateway;

import io.graphmail.health.HealthConfiguration;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

@Configuration(proxyBeanMethods = false)
@Import(HealthConfiguration.class)
class GatewayConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}

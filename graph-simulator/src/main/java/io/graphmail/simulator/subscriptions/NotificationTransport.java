package io.graphmail.simulator.subscriptions;

import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The HTTP client that calls notification endpoints. */
@Configuration(proxyBeanMethods = false)
class NotificationTransport {

    @Bean
    HttpClient notificationClient() {
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }
}

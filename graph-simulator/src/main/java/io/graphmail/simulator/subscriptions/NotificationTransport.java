package io.graphmail.simulator.subscriptions;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The HTTP client that calls notification endpoints, and the thread that gathers changes into batches. */
@Configuration(proxyBeanMethods = false)
class NotificationTransport {

    @Bean
    HttpClient notificationClient() {
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService notificationBatches() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "graph-simulator-notifications");
            thread.setDaemon(true);
            return thread;
        });
    }
}

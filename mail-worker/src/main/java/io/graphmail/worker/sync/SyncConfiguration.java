package io.graphmail.worker.sync;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

@Configuration(proxyBeanMethods = false)
class SyncConfiguration {

    /** Fetches each folder's next delta page while the current one is written. */
    @Bean
    ThreadPoolTaskExecutor syncPrefetcher() {
        var executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("sync-prefetch-");
        executor.setCorePoolSize(2);
        executor.setMaxPoolSize(8);
        executor.setWaitForTasksToCompleteOnShutdown(false);
        return executor;
    }
}

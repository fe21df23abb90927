package io.graphmail.worker.sync;

import io.graphmail.worker.bounces.RecognisingBounces;
import io.graphmail.worker.graph.MailboxReader;
import java.time.Clock;
import java.util.concurrent.Executor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

@Configuration(proxyBeanMethods = false)
class SyncConfiguration {

    @Bean
    SyncingFolder syncingFolder(
            MailboxReader reader,
            ShrinkingPages pages,
            StoredMessages messages,
            StoredAttachments attachments,
            RemovingUnseenMessages unseenMessages,
            FolderSyncStates states,
            SyncProperties properties,
            Clock clock,
            @Qualifier("syncPrefetcher") Executor prefetcher,
            RecognisingBounces bounces,
            AnnouncingNewMail newMail) {
        return new SyncingFolder(
                reader,
                pages,
                messages,
                attachments,
                unseenMessages,
                states,
                properties,
                clock,
                prefetcher,
                SyncingFolder.FILTERED_ROUND_CAP,
                bounces::inspect,
                newMail);
    }

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

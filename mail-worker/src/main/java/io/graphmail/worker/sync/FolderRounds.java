package io.graphmail.worker.sync;

import io.graphmail.worker.accounts.AccountLeases.Lease;
import io.graphmail.worker.accounts.AccountOnHold;
import io.graphmail.worker.accounts.AccountSettings;
import io.graphmail.worker.graph.GraphCallFailed;
import io.graphmail.worker.pacing.MailboxBudget;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One incremental delta round for one folder, for callers outside sync that decide themselves when a round is due
 * (change notifications) and hold the folder's sync lease ({@link #leaseName}) while it runs.
 */
@Component
public class FolderRounds {

    private static final Logger log = LoggerFactory.getLogger(FolderRounds.class);

    private final SyncingFolder syncingFolder;
    private final FolderSyncStates states;
    private final SyncProperties properties;
    private final MeterRegistry meterRegistry;

    FolderRounds(
            SyncingFolder syncingFolder,
            FolderSyncStates states,
            SyncProperties properties,
            MeterRegistry meterRegistry) {
        this.syncingFolder = syncingFolder;
        this.states = states;
        this.properties = properties;
        this.meterRegistry = meterRegistry;
    }

    /** The lease a folder's rounds hold, the same as scheduled and requested rounds take. */
    public static String leaseName(String accountId, String folder) {
        return "sync-" + accountId + "-" + folder;
    }

    /** How long a folder's sync lease lasts between pages. */
    public Duration leaseTime() {
        return properties.leaseTime();
    }

    /** Runs the round; whether it completed (a failure is recorded on the folder like any round's). */
    public boolean run(AccountSettings account, String folder, String trigger, Lease held) {
        String commandId = UUID.randomUUID().toString();
        var round = new SyncingFolder.Round(commandId, commandId, false, properties.syncFrom());
        try {
            PageCounts counts = syncingFolder.sync(account, folder, states.find(account.id(), folder), round, held);
            log.info(
                    "Synced {} / {} on {}: {} added, {} updated, {} removed",
                    account.id(),
                    folder,
                    trigger,
                    counts.added(),
                    counts.updated(),
                    counts.removed());
            count(folder, trigger, "completed");
            return true;
        } catch (GraphCallFailed | AccountOnHold | MailboxBudget.MailboxBusy failure) {
            log.warn("Sync of {} / {} on {} failed: {}", account.id(), folder, trigger, failure.getMessage());
            states.failed(account.id(), folder, failure.getMessage());
            count(folder, trigger, "failed");
            return false;
        }
    }

    private void count(String folder, String trigger, String result) {
        meterRegistry
                .counter("graphmail.sync.folder.rounds", "folder", folder, "trigger", trigger, "result", result)
                .increment();
    }
}

package io.graphmail.worker.sync;

import io.graphmail.contract.sync.SyncMailboxCommand;
import io.graphmail.worker.accounts.AccountDirectory;
import io.graphmail.worker.accounts.AccountLeases;
import io.graphmail.worker.accounts.AccountOnHold;
import io.graphmail.worker.accounts.AccountSettings;
import io.graphmail.worker.graph.GraphCallFailed;
import io.graphmail.worker.pacing.MailboxBudget;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Runs a sync command folder by folder. A folder is synced by one worker at a time (a lease); a
 * command for a folder that is syncing right now is covered by that sync and skipped, and one
 * already run is a no-op. A failure is recorded on the folder; the next round resumes from there.
 */
@Service
class SyncingMailbox {

    private static final Logger log = LoggerFactory.getLogger(SyncingMailbox.class);

    private final AccountDirectory accounts;
    private final AccountLeases leases;
    private final FolderSyncStates states;
    private final SyncingFolder syncingFolder;
    private final SyncProperties properties;
    private final MeterRegistry meterRegistry;

    SyncingMailbox(
            AccountDirectory accounts,
            AccountLeases leases,
            FolderSyncStates states,
            SyncingFolder syncingFolder,
            SyncProperties properties,
            MeterRegistry meterRegistry) {
        this.accounts = accounts;
        this.leases = leases;
        this.states = states;
        this.syncingFolder = syncingFolder;
        this.properties = properties;
        this.meterRegistry = meterRegistry;
    }

    void sync(SyncMailboxCommand command) {
        var account = accounts.find(command.accountId());
        if (account.isEmpty()) {
            log.warn("Sync command {} names unknown account {}; ignored", command.commandId(), command.accountId());
            return;
        }
        var folders = command.folders().isEmpty() ? properties.folders() : command.folders();
        var round = new SyncingFolder.Round(
                command.commandId().toString(),
                command.runId().toString(),
                command.mode() == SyncMailboxCommand.Mode.FULL,
                command.syncFrom() != null ? command.syncFrom() : properties.syncFrom(),
                Boolean.TRUE.equals(command.confirmDeletions()));
        for (String folder : folders) {
            syncFolder(account.get(), folder, round);
        }
    }

    private void syncFolder(AccountSettings account, String folder, SyncingFolder.Round round) {
        var lease = leases.tryTake(FolderRounds.leaseName(account.id(), folder), properties.leaseTime());
        if (lease.isEmpty()) {
            log.info(
                    "{} / {} is syncing already; command {} is covered by it", account.id(), folder, round.commandId());
            count(folder, "coalesced");
            return;
        }
        try (var held = lease.get()) {
            // Read under the lease: only the holder writes it, so it stays what the round starts from.
            var state = states.find(account.id(), folder);
            if (state.filter(known -> known.hasCompleted(round.commandId())).isPresent()) {
                log.info("Sync command {} already ran for {} / {}", round.commandId(), account.id(), folder);
                count(folder, "duplicate");
                return;
            }
            PageCounts counts = syncingFolder.sync(account, folder, state, round, held);
            log.info(
                    "Synced {} / {}: {} added, {} updated, {} removed",
                    account.id(),
                    folder,
                    counts.added(),
                    counts.updated(),
                    counts.removed());
            meterRegistry.counter("graphmail.sync.messages", "change", "added").increment(counts.added());
            meterRegistry
                    .counter("graphmail.sync.messages", "change", "updated")
                    .increment(counts.updated());
            meterRegistry
                    .counter("graphmail.sync.messages", "change", "removed")
                    .increment(counts.removed());
            count(folder, "completed");
        } catch (GraphCallFailed | AccountOnHold | MailboxBudget.MailboxBusy failure) {
            log.warn("Sync of {} / {} failed: {}", account.id(), folder, failure.getMessage());
            states.failed(account.id(), folder, failure.getMessage());
            count(folder, "failed");
        }
    }

    private void count(String folder, String result) {
        meterRegistry
                .counter("graphmail.sync.folder.runs", "folder", folder, "result", result)
                .increment();
    }
}

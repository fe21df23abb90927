package io.graphmail.gateway.sync;

import io.graphmail.contract.sync.SyncMailboxCommand;
import io.graphmail.gateway.accounts.KnownAccounts;
import io.graphmail.gateway.messaging.SyncCommands;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Asks the workers to sync mailboxes: one command per account, each with its own command id. The run id names what
 * asked: a client's request (one account) or a scheduled round (every active account's command shares it).
 */
@Service
class RequestingSync {

    private final KnownAccounts accounts;
    private final SyncCommands commands;
    private final MeterRegistry meterRegistry;
    private final Clock clock;

    RequestingSync(KnownAccounts accounts, SyncCommands commands, MeterRegistry meterRegistry, Clock clock) {
        this.accounts = accounts;
        this.commands = commands;
        this.meterRegistry = meterRegistry;
        this.clock = clock;
    }

    /**
     * A sync of one account on a client's request: a run of its own.
     *
     * @throws io.graphmail.gateway.accounts.AccountNotFound for an unknown account
     * @throws io.graphmail.platform.messaging.PublishFailed if the broker did not take the command
     */
    SyncMailboxCommand request(String accountId, SyncRequest request, String trigger) {
        accounts.requireExists(accountId);
        return publish(accountId, request, UUID.randomUUID(), trigger);
    }

    /**
     * One account's command of run {@code runId}, for an account the caller has just read from the accounts
     * collection (the schedule), so it is not looked up again.
     *
     * @throws io.graphmail.platform.messaging.PublishFailed if the broker did not take the command
     */
    SyncMailboxCommand publish(String accountId, SyncRequest request, UUID runId, String trigger) {
        var command = new SyncMailboxCommand(
                UUID.randomUUID(),
                runId,
                accountId,
                request.folders(),
                request.commandMode(),
                request.syncFrom(),
                clock.instant(),
                request.confirmsDeletions());
        commands.publish(command);
        meterRegistry.counter("graphmail.sync.requested", "trigger", trigger).increment();
        return command;
    }
}

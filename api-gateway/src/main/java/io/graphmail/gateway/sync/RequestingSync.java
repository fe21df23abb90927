package io.graphmail.gateway.sync;

import io.graphmail.contract.sync.SyncMailboxCommand;
import io.graphmail.gateway.accounts.KnownAccounts;
import io.graphmail.gateway.messaging.SyncCommands;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Asks the workers to sync an account's mailbox: one command per request, a new run id each. */
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
     * @throws io.graphmail.gateway.accounts.AccountNotFound for an unknown account
     * @throws io.graphmail.messaging.PublishFailed if the broker did not take the command
     */
    SyncMailboxCommand request(String accountId, SyncRequest request, String trigger) {
        accounts.requireExists(accountId);
        var command = new SyncMailboxCommand(
                UUID.randomUUID(),
                UUID.randomUUID(),
                accountId,
                request.folders(),
                request.commandMode(),
                request.syncFrom(),
                clock.instant());
        commands.publish(command);
        meterRegistry.counter("graphmail.sync.requested", "trigger", trigger).increment();
        return command;
    }
}

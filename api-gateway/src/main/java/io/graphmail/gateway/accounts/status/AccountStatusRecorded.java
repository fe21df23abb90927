package io.graphmail.gateway.accounts.status;

import io.graphmail.gateway.accounts.AccountStatus;
import java.time.Instant;

/** A worker's news about an account's status was recorded: published in-process on the listener's thread. */
public record AccountStatusRecorded(String accountId, AccountStatus status, String reason, Instant at) {}

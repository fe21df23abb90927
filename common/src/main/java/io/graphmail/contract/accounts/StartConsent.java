package io.graphmail.contract.accounts;

import java.time.Instant;
import java.util.UUID;

/**
 * Start (or show the running) device code flow for a delegated account. Sent by the gateway as a
 * request; a worker answers with {@link ConsentStarted}.
 *
 * @param commandId unique per request
 * @param accountId the account to consent for
 * @param requestedAt when the gateway sent it
 */
public record StartConsent(UUID commandId, String accountId, Instant requestedAt) {}

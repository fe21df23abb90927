package io.graphmail.worker.accounts;

/**
 * In-process event, published before a removed account's tokens are forgotten: the last chance to call Graph for it
 * (with the token still held in memory), e.g. to delete its subscriptions.
 */
public record AccountRemoving(String accountId) {}

package io.graphmail.worker.accounts;

/** In-process event: the account was removed, so work parked for it can never go. */
public record AccountForgotten(String accountId) {}

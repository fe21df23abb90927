package io.graphmail.worker.accounts;

/** In-process event: the account can get tokens again, so work parked for it may go. */
public record AccountActivated(String accountId) {}

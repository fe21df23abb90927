package io.graphmail.worker.pacing;

import io.graphmail.worker.accounts.AccountSettings;
import java.time.Duration;
import java.util.UUID;

/**
 * Paces sending per account across every worker: an even rate per minute, a rolling daily recipient budget, a cap on
 * concurrent Graph calls, and Graph's own {@code Retry-After}. Over a limit, it says how long to defer; it waits only
 * for a turn a moment away, which the delay queues would bring the message back to late.
 */
public interface AccountPacing {

    Limits defaults();

    /** The defaults of a personal (Outlook.com) account: Outlook.com's lower daily recipient cap applies. */
    Limits personalDefaults();

    /**
     * A permit to send {@code recipients} recipients now, a ticket to wait with in {@code lane}, or a deferral. A
     * {@link Permit.Queued} message comes back after its delay a little before its turn, and waits the rest here.
     *
     * @param ticket the ticket this message was given earlier, or {@code null}
     */
    Permit acquire(String accountId, int recipients, Limits limits, Lane lane, Long ticket);

    /**
     * The batch is paused or cancelled: its lane stops waiting at once, on every account, and its messages that still
     * ask get no slot but {@link Permit#LANE_CLOSED}, until {@link #openLane}.
     */
    void closeLane(UUID batchId);

    /** The batch runs again (resumed): its messages get tickets in a new lane. */
    void openLane(UUID batchId);

    /** The Graph call is over: it no longer counts as in progress, and counts in the log from now. */
    void release(Permit.Granted permit);

    /** The permit was granted but not used (its message was withdrawn meanwhile): it counts neither in progress nor sent. */
    void unused(Permit.Granted permit);

    /** Graph answered 429: hold the whole account for {@code retryAfter}. */
    void throttled(String accountId, Duration retryAfter);

    /**
     * The account's limits: its own where it has them, else the defaults of its type. A personal account never gets
     * more recipients a day than Outlook.com allows, whatever its own limits say (the gateway refuses such limits).
     */
    default Limits limitsOf(AccountSettings account) {
        var own = account.limits();
        Limits defaults = account.isPersonal() ? personalDefaults() : defaults();
        if (own == null) {
            return defaults;
        }
        Limits limits = defaults.with(own.messagesPerMinute(), own.recipientsPerDay(), own.maxConcurrent());
        return account.isPersonal() ? limits.withRecipientsPerDayAtMost(defaults.recipientsPerDay()) : limits;
    }
}

package io.graphmail.worker.send;

import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.worker.graph.GraphCallFailed;
import io.graphmail.worker.pacing.AccountPacing;
import io.graphmail.worker.send.deliveries.Deliveries;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decides what becomes of a command whose attempt Graph refused or never answered. */
final class FailedAttempts {

    private static final Logger log = LoggerFactory.getLogger(FailedAttempts.class);

    private final Deliveries deliveries;
    private final AccountPacing pacing;
    private final SendReports reports;
    private final RetryProperties retry;

    FailedAttempts(Deliveries deliveries, AccountPacing pacing, SendReports reports, RetryProperties retry) {
        this.deliveries = deliveries;
        this.pacing = pacing;
        this.reports = reports;
        this.retry = retry;
    }

    /** Throttling and a missing answer say nothing about the message; anything else is Graph's verdict on it. */
    Outcome after(SendMailCommand command, int attempt, GraphCallFailed failure) {
        if (failure.status() == 429) {
            return throttled(command, attempt, failure);
        }
        if (failure.status() == 0) {
            return unreachable(command, attempt, failure);
        }
        return failed(command, attempt, failure);
    }

    /**
     * Graph's throttling says nothing about the message, so it does not use up an attempt; it
     * holds the whole account for {@code Retry-After}. A separate, larger budget still ends a
     * message that Graph keeps refusing.
     */
    private Outcome throttled(SendMailCommand command, int attempt, GraphCallFailed failure) {
        Duration wait = failure.retryAfter().orElse(Duration.ofSeconds(1));
        pacing.throttled(command.accountId(), wait);
        var cause = new Outcome.Cause.Throttled(command.accountId(), wait);
        int throttles = deliveries.putBackThrottled(command.deliveryKey(), failure.code());
        if (throttles >= retry.maxThrottled()) {
            return deadLetter(command, "RETRIES_EXHAUSTED: throttled by Graph " + throttles + " times", cause);
        }
        reports.failed(command, attempt - 1, failure.code(), false);
        return new Outcome.RetryLater(wait, cause);
    }

    /**
     * No answer at all (a reset or stale pooled connection, EOF, a timeout): routine on any network, and no verdict on
     * the message, so it does not use up an attempt. A budget of its own, with backoff, still ends a message that
     * never gets through. Graph may have acted on the request, so the next attempt looks before sending.
     */
    private Outcome unreachable(SendMailCommand command, int attempt, GraphCallFailed failure) {
        var cause = new Outcome.Cause.GraphFailed(failure.code(), false);
        int errors = deliveries.putBackNetworkError(command.deliveryKey(), failure.code());
        if (errors >= retry.maxNetworkErrors()) {
            return deadLetter(command, "RETRIES_EXHAUSTED: " + failure.code() + " " + errors + " times", cause);
        }
        reports.failed(command, attempt - 1, failure.code(), false);
        return new Outcome.RetryLater(retry.backoffAfter(errors, null), cause);
    }

    private Outcome failed(SendMailCommand command, int attempt, GraphCallFailed failure) {
        boolean retryable = failure.isTransient() && attempt < retry.maxAttempts();
        var cause = new Outcome.Cause.GraphFailed(failure.code(), !retryable);
        if (!failure.isTransient()) {
            log.warn(
                    "Command {} for account {} failed: {}", command.commandId(), command.accountId(), failure.reason());
            deliveries.markFailed(command.deliveryKey(), failure.reason());
            reports.failed(command, attempt, failure.reason(), true);
            return new Outcome.Done(cause);
        }
        if (!retryable) {
            return deadLetter(
                    command, "RETRIES_EXHAUSTED: " + failure.code() + " after " + attempt + " attempts", cause);
        }
        deliveries.markRetrying(command.deliveryKey(), failure.reason());
        reports.failed(command, attempt, failure.reason(), false);
        return new Outcome.RetryLater(
                retry.backoffAfter(attempt, failure.retryAfter().orElse(null)), cause);
    }

    private Outcome deadLetter(SendMailCommand command, String reason, Outcome.Cause cause) {
        deliveries.markFailed(command.deliveryKey(), reason);
        return new Outcome.DeadLetter(reason, cause);
    }
}

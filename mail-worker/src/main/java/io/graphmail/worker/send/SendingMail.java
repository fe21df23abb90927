package io.graphmail.worker.send;

import io.graphmail.contract.send.MailFailed;
import io.graphmail.contract.send.MailSent;
import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.mongodb.MongoUnavailable;
import io.graphmail.worker.accounts.AccountDirectory;
import io.graphmail.worker.accounts.AccountNeedsConsent;
import io.graphmail.worker.accounts.AccountOnHold;
import io.graphmail.worker.accounts.CredentialsUnavailable;
import io.graphmail.worker.accounts.TokenSource;
import io.graphmail.worker.graph.GraphCallFailed;
import io.graphmail.worker.messaging.MailEvents;
import io.graphmail.worker.pacing.AccountPacing;
import io.graphmail.worker.pacing.Permit;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Sends one command through Graph at most once, and reports the result. */
@Service
class SendingMail {

    private static final Logger log = LoggerFactory.getLogger(SendingMail.class);

    private final AccountDirectory accounts;
    private final BatchDirectory batches;
    private final Deliveries deliveries;
    private final TokenSource tokens;
    private final DeliveringOnce delivering;
    private final AccountPacing pacing;
    private final MailEvents events;
    private final RetryProperties retry;
    private final MeterRegistry meterRegistry;
    private final DistributionSummary graphRequestsPerMessage;
    private final DistributionSummary retryAfter;
    private final Clock clock;

    SendingMail(
            AccountDirectory accounts,
            BatchDirectory batches,
            Deliveries deliveries,
            TokenSource tokens,
            DeliveringOnce delivering,
            AccountPacing pacing,
            MailEvents events,
            RetryProperties retry,
            MeterRegistry meterRegistry,
            Clock clock) {
        this.accounts = accounts;
        this.batches = batches;
        this.deliveries = deliveries;
        this.tokens = tokens;
        this.delivering = delivering;
        this.pacing = pacing;
        this.events = events;
        this.retry = retry;
        this.meterRegistry = meterRegistry;
        this.graphRequestsPerMessage = DistributionSummary.builder("graphmail.mail.graph.requests")
                .description("Graph requests it took to deliver one message")
                .register(meterRegistry);
        this.retryAfter = DistributionSummary.builder("graphmail.graph.retry.after")
                .baseUnit("seconds")
                .description("Retry-After Graph asked for with a 429")
                .register(meterRegistry);
        this.clock = clock;
    }

    private static final Duration SUBMITTING_RECHECK = Duration.ofMillis(250);

    Outcome send(SendMailCommand command) {
        var account = accounts.findRecent(command.accountId());
        if (account.isEmpty()) {
            events.failed(failedEvent(command, 0, "UNKNOWN_ACCOUNT", true));
            return Outcome.done();
        }
        if (command.batchId() != null) {
            var batchState = batches.state(command.batchId());
            if (batchState == BatchDirectory.State.CANCELLED) {
                events.failed(failedEvent(command, 0, "CANCELLED", true));
                return Outcome.done();
            }
            if (batchState == BatchDirectory.State.PAUSED) {
                return new Outcome.Park("BATCH_PAUSED");
            }
            if (batchState == BatchDirectory.State.SUBMITTING) {
                // Not parked: the batch is ACTIVE or withdrawn within a moment, and nothing announces either.
                return new Outcome.RetryLater(SUBMITTING_RECHECK);
            }
        }
        var claimed = deliveries.claim(command.deliveryKey(), command.accountId(), clock.instant());
        if (claimed.isEmpty()) {
            return new AlreadyClaimed(deliveries, events, retry, clock).handle(command);
        }
        int attempt = claimed.get().attempts();
        Permit permit = pacing.acquire(
                command.accountId(),
                recipients(command),
                pacing.limitsOf(account.get()),
                claimed.get().paceSlot());
        if (permit instanceof Permit.Reserved reserved) {
            deliveries.reserve(command.deliveryKey(), reserved.slot());
            meterRegistry.counter("graphmail.mail.deferred", "reason", "RATE").increment();
            return new Outcome.RetryLater(reserved.delay());
        }
        if (permit instanceof Permit.Deferred deferred) {
            deliveries.putBack(command.deliveryKey(), "PACED: " + deferred.reason());
            meterRegistry
                    .counter("graphmail.mail.deferred", "reason", deferred.reason())
                    .increment();
            return new Outcome.RetryLater(deferred.delay());
        }
        DeliveringOnce.Delivered delivered;
        try {
            delivered = delivering.deliver(command, account.get(), claimed.get());
        } catch (StoredUploads.UnusableUpload unusable) {
            deliveries.markFailed(command.deliveryKey(), "ATTACHMENT_UNAVAILABLE");
            events.failed(failedEvent(command, attempt, "ATTACHMENT_UNAVAILABLE: " + unusable.getMessage(), true));
            return Outcome.done();
        } catch (GraphCallFailed failure) {
            if (failure.status() == 429) {
                return throttled(command, attempt, failure);
            }
            if (failure.status() == 0) {
                return unreachable(command, attempt, failure);
            }
            if (lacksPermission(failure) && tokens.permissionMissing(command.accountId())) {
                return park(command, attempt, AccountNeedsConsent.HOLD + ": " + TokenSource.MISSING_PERMISSION);
            }
            return failed(command, attempt, failure);
        } catch (AccountOnHold waiting) {
            return park(command, attempt, waiting.holdReason());
        } finally {
            release((Permit.Granted) permit);
        }
        graphRequestsPerMessage.record(delivered.graphRequests());
        if (delivered.sentEarlier()) {
            meterRegistry.counter("graphmail.mail.duplicates.avoided").increment();
        }
        Instant sentAt = clock.instant();
        try {
            deliveries.markSent(command.deliveryKey(), sentAt);
        } catch (RuntimeException e) {
            throw MongoUnavailable.causedBy(e) ? new AcceptedButUnrecorded(sentAt, e) : e;
        }
        return reportSent(command, attempt, sentAt);
    }

    /**
     * An earlier delivery of the command had Graph accept the message at {@code sentAt} but could not record it:
     * record it now, unless the delivery has reached a final state meanwhile.
     */
    Outcome recordAccepted(SendMailCommand command, Instant sentAt) {
        var delivery = deliveries.find(command.deliveryKey());
        if (delivery.isEmpty()
                || delivery.get().state() == Delivery.State.SENT
                || delivery.get().state() == Delivery.State.FAILED) {
            return send(command);
        }
        deliveries.markSent(command.deliveryKey(), sentAt);
        return reportSent(command, delivery.get().attempts(), sentAt);
    }

    private Outcome reportSent(SendMailCommand command, int attempt, Instant sentAt) {
        meterRegistry
                .counter("graphmail.mail.sent", "account", command.accountId())
                .increment();
        events.sent(new MailSent(
                UUID.randomUUID(), command.commandId(), command.accountId(), attempt, sentAt, command.submittedAt()));
        log.info("Sent command {} for account {} (attempt {})", command.commandId(), command.accountId(), attempt);
        return Outcome.done();
    }

    /** An account's concurrency lease; while MongoDB is away it cannot be handed back, and ends with its lease time. */
    private void release(Permit.Granted permit) {
        try {
            pacing.release(permit);
        } catch (RuntimeException e) {
            if (!MongoUnavailable.causedBy(e)) {
                throw e;
            }
            log.warn("MongoDB unavailable; a pacing lease of account {} ends by itself", permit.accountId());
        }
    }

    /** Parks the command until the account can be used again (consent, credentials); the attempt does not count. */
    private Outcome park(SendMailCommand command, int attempt, String reason) {
        deliveries.putBack(command.deliveryKey(), reason);
        events.failed(failedEvent(command, attempt - 1, reason, false));
        return new Outcome.Park(reason);
    }

    private static boolean lacksPermission(GraphCallFailed failure) {
        return failure.status() == 403 && "ErrorAccessDenied".equals(failure.code());
    }

    /**
     * Graph's throttling says nothing about the message, so it does not use up an attempt; it
     * holds the whole account for {@code Retry-After}. A separate, larger budget still ends a
     * message that Graph keeps refusing.
     */
    private Outcome throttled(SendMailCommand command, int attempt, GraphCallFailed failure) {
        Duration wait = failure.retryAfter().orElse(Duration.ofSeconds(1));
        pacing.throttled(command.accountId(), wait);
        meterRegistry
                .counter("graphmail.graph.throttled", "account", command.accountId())
                .increment();
        retryAfter.record(wait.toMillis() / 1000.0);
        meterRegistry
                .counter("graphmail.mail.deferred", "reason", "THROTTLED_BY_GRAPH")
                .increment();
        int throttles = deliveries.putBackThrottled(command.deliveryKey(), failure.code());
        if (throttles >= retry.maxThrottled()) {
            String reason = "RETRIES_EXHAUSTED: throttled by Graph " + throttles + " times";
            deliveries.markFailed(command.deliveryKey(), reason);
            return new Outcome.DeadLetter(reason);
        }
        events.failed(failedEvent(command, attempt - 1, failure.code(), false));
        return new Outcome.RetryLater(wait);
    }

    /**
     * No answer at all (a reset or stale pooled connection, EOF, a timeout): routine on any network, and no verdict on
     * the message, so it does not use up an attempt. A budget of its own, with backoff, still ends a message that
     * never gets through. Graph may have acted on the request, so the next attempt looks before sending.
     */
    private Outcome unreachable(SendMailCommand command, int attempt, GraphCallFailed failure) {
        meterRegistry
                .counter("graphmail.mail.failed", "permanent", "false", "code", failure.code())
                .increment();
        int errors = deliveries.putBackNetworkError(command.deliveryKey(), failure.code());
        if (errors >= retry.maxNetworkErrors()) {
            String reason = "RETRIES_EXHAUSTED: " + failure.code() + " " + errors + " times";
            deliveries.markFailed(command.deliveryKey(), reason);
            return new Outcome.DeadLetter(reason);
        }
        events.failed(failedEvent(command, attempt - 1, failure.code(), false));
        return new Outcome.RetryLater(retry.backoffAfter(errors, null));
    }

    private Outcome failed(SendMailCommand command, int attempt, GraphCallFailed failure) {
        boolean retryable = failure.isTransient() && attempt < retry.maxAttempts();
        meterRegistry
                .counter("graphmail.mail.failed", "permanent", Boolean.toString(!retryable), "code", failure.code())
                .increment();
        if (!failure.isTransient()) {
            log.warn(
                    "Command {} for account {} failed: {}", command.commandId(), command.accountId(), failure.reason());
            deliveries.markFailed(command.deliveryKey(), failure.reason());
            events.failed(failedEvent(command, attempt, failure.reason(), true));
            return Outcome.done();
        }
        if (!retryable) {
            String reason = "RETRIES_EXHAUSTED: " + failure.code() + " after " + attempt + " attempts";
            deliveries.markFailed(command.deliveryKey(), reason);
            return new Outcome.DeadLetter(reason);
        }
        deliveries.markRetrying(command.deliveryKey(), failure.reason());
        events.failed(failedEvent(command, attempt, failure.reason(), false));
        return new Outcome.RetryLater(
                retry.backoffAfter(attempt, failure.retryAfter().orElse(null)));
    }

    private static int recipients(SendMailCommand command) {
        return command.to().size() + command.cc().size() + command.bcc().size();
    }

    /** Whether what parked the command still holds, so it may stay parked. */
    boolean stillHeld(SendMailCommand command, String reason) {
        if (reason.startsWith("BATCH_PAUSED")) {
            return batches.state(command.batchId()) == BatchDirectory.State.PAUSED;
        }
        return reason.startsWith(CredentialsUnavailable.STATUS)
                ? tokens.credentialsUnavailable(command.accountId())
                : tokens.needsConsent(command.accountId());
    }

    private MailFailed failedEvent(SendMailCommand command, int attempt, String reason, boolean permanent) {
        return new MailFailed(
                UUID.randomUUID(),
                command.commandId(),
                command.accountId(),
                attempt,
                reason,
                permanent,
                clock.instant());
    }
}

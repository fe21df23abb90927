package io.graphmail.worker.send;

import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.platform.mongodb.MongoUnavailable;
import io.graphmail.worker.accounts.AccountDirectory;
import io.graphmail.worker.accounts.AccountOnHold;
import io.graphmail.worker.accounts.AccountSettings;
import io.graphmail.worker.accounts.tokens.TokenSource;
import io.graphmail.worker.graph.GraphCallFailed;
import io.graphmail.worker.graph.GraphDrafts;
import io.graphmail.worker.messaging.MailEvents;
import io.graphmail.worker.pacing.AccountPacing;
import io.graphmail.worker.pacing.Lane;
import io.graphmail.worker.pacing.Permit;
import io.graphmail.worker.send.batches.BatchDirectory;
import io.graphmail.worker.send.deliveries.Deliveries;
import io.graphmail.worker.send.deliveries.Delivering;
import io.graphmail.worker.send.deliveries.Delivery;
import io.graphmail.worker.send.deliveries.StoredUploads;
import io.graphmail.worker.send.parking.Hold;
import io.graphmail.worker.send.parking.ParkedCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Sends one command through Graph at most once, and reports the result: decides whether it is sent, parked, deferred,
 * failed, or its known result reported again.
 */
@Service
class SendingMail {

    private static final Logger log = LoggerFactory.getLogger(SendingMail.class);

    /**
     * Not parked: the batch is ACTIVE or withdrawn within a moment, and nothing announces either. The consumer first
     * waits for that moment itself ({@link BatchDirectory#afterSubmission}); only a message whose batch's submission
     * outlasts that goes back on the queue. A message held again
     * and again (a large batch whose later chunks are still being published) is looked at less often, so that the
     * workers do not spend a long submission sending its first chunks round the delay queues.
     */
    private static final Duration SUBMITTING_RECHECK = Duration.ofMillis(250);

    private static final Duration SUBMITTING_RECHECK_AGAIN = Duration.ofSeconds(1);
    private static final Duration SUBMITTING_RECHECK_LONG = Duration.ofSeconds(5);
    /** Held this often, a message waits {@link #SUBMITTING_RECHECK_LONG} each further time. */
    private static final long LONG_RECHECKS_AFTER = 4;

    /**
     * A message set aside for its turn goes back on the queue at the latest this long after its expected turn, or
     * half as long again as it was expected to wait, should no grant in its lane bring it back before.
     */
    private static final long SET_ASIDE_SLACK_MS = Duration.ofSeconds(30).toMillis();
    /**
     * Should its lane stop granting (the messages near their turn stuck behind a crashed worker's lease, say), a message
     * set aside asks again after this at the latest, so that the lane's slots are not left unused for long.
     */
    private static final long SET_ASIDE_AT_MOST_MS = Duration.ofMinutes(2).toMillis();

    private static final Runnable NOTHING_MORE = () -> {};

    private final AccountDirectory accounts;
    private final BatchDirectory batches;
    private final Deliveries deliveries;
    private final TokenSource tokens;
    private final Delivering delivering;
    private final AccountPacing pacing;
    private final ParkedCommands parked;
    private final SendReports reports;
    private final AlreadyClaimed alreadyClaimed;
    private final FailedAttempts failedAttempts;
    private final Clock clock;

    SendingMail(
            AccountDirectory accounts,
            BatchDirectory batches,
            Deliveries deliveries,
            TokenSource tokens,
            Delivering delivering,
            AccountPacing pacing,
            ParkedCommands parked,
            MailEvents events,
            RetryProperties retry,
            Clock clock) {
        this.accounts = accounts;
        this.batches = batches;
        this.deliveries = deliveries;
        this.tokens = tokens;
        this.delivering = delivering;
        this.pacing = pacing;
        this.parked = parked;
        this.reports = new SendReports(events, clock);
        this.alreadyClaimed = new AlreadyClaimed(deliveries, events, retry, clock);
        this.failedAttempts = new FailedAttempts(deliveries, pacing, reports, retry);
        this.clock = clock;
    }

    /** @param body the message as it arrived, kept as it is if the command is parked */
    Outcome send(SendMailCommand command, byte[] body) {
        return send(command, body, 0);
    }

    /**
     * @param body the message as it arrived, kept as it is if the command is parked
     * @param rechecks how often a worker has put this delivery of the command back to look at it again later
     */
    Outcome send(SendMailCommand command, byte[] body, long rechecks) {
        var account = accounts.findRecent(command.accountId());
        if (account.isEmpty()) {
            reports.failed(command, 0, "UNKNOWN_ACCOUNT", true);
            return Outcome.done();
        }
        var batchState =
                command.batchId() == null ? BatchDirectory.State.ACTIVE : batches.recentState(command.batchId());
        if (batchState == BatchDirectory.State.SUBMITTING) {
            batchState = batches.afterSubmission(command.batchId());
        }
        if (batchState == BatchDirectory.State.CANCELLED) {
            reports.failed(command, 0, "CANCELLED", true);
            return Outcome.done();
        }
        if (batchState == BatchDirectory.State.PAUSED) {
            reports.failed(command, 0, new Hold.BatchPaused(command.batchId()).reason(), false);
            return park(command, body, new Hold.BatchPaused(command.batchId()));
        }
        if (batchState == BatchDirectory.State.SUBMITTING) {
            return Outcome.retryLater(submittingRecheck(rechecks));
        }
        var claimed = deliveries.claim(command.deliveryKey(), command.accountId(), clock.instant());
        return claimed.isEmpty()
                ? alreadyClaimed.handle(command)
                : whenPaced(command, body, account.get(), claimed.get());
    }

    private static Duration submittingRecheck(long rechecks) {
        if (rechecks == 0) {
            return SUBMITTING_RECHECK;
        }
        return rechecks < LONG_RECHECKS_AFTER ? SUBMITTING_RECHECK_AGAIN : SUBMITTING_RECHECK_LONG;
    }

    /**
     * An earlier delivery of the command had Graph accept the message at {@code sentAt} but could not record it:
     * record it now (with {@code draft}, the message that went out, if known), unless the delivery has reached a final
     * state meanwhile.
     */
    Outcome recordAccepted(SendMailCommand command, byte[] body, Instant sentAt, GraphDrafts.Draft draft) {
        var delivery = deliveries.find(command.deliveryKey());
        if (delivery.isEmpty()
                || delivery.get().state() == Delivery.State.SENT
                || delivery.get().state() == Delivery.State.FAILED) {
            return send(command, body);
        }
        // Recorded first here: while MongoDB stays away each recheck would otherwise publish the result again.
        deliveries.markSent(command.deliveryKey(), sentAt, draft);
        return reportSent(command, delivery.get().attempts(), sentAt, NOTHING_MORE, 0, false);
    }

    private Outcome whenPaced(SendMailCommand command, byte[] body, AccountSettings account, Delivery delivery) {
        Permit permit = pacing.acquire(
                command.accountId(),
                recipients(command),
                pacing.limitsOf(account),
                lane(command),
                delivery.paceTicket());
        if (permit instanceof Permit.Queued queued) {
            return queue(command, delivery, queued);
        }
        if (permit instanceof Permit.Distant distant) {
            return setAside(command, body, delivery, distant);
        }
        if (permit instanceof Permit.Deferred deferred) {
            return defer(command, body, delivery, deferred);
        }
        var granted = (Permit.Granted) permit;
        Outcome withdrawn = batchWithdrawn(command, body, delivery);
        if (withdrawn != null) {
            pacing.unused(granted);
            return withdrawn;
        }
        Outcome outcome = sendNow(command, body, account, delivery, granted);
        releaseNear(command, granted);
        return outcome;
    }

    /**
     * Not yet, for a reason other than its turn; a message whose batch's lane was closed (paused or cancelled since
     * the batch's state was read) is parked or cancelled at once.
     */
    private Outcome defer(SendMailCommand command, byte[] body, Delivery delivery, Permit.Deferred deferred) {
        Outcome withdrawn =
                Permit.LANE_CLOSED.equals(deferred.reason()) ? batchWithdrawn(command, body, delivery) : null;
        if (withdrawn != null) {
            return withdrawn;
        }
        deliveries.putBack(command.deliveryKey(), "PACED: " + deferred.reason());
        return new Outcome.RetryLater(deferred.delay(), new Outcome.Cause.Paced(deferred.reason()));
    }

    /**
     * Waits for its turn; says so the first time, with the time its turn should come. It comes back for that turn
     * through the transactional queue, batch message or not: the bulk queue may hold thousands of first passes.
     */
    private Outcome queue(SendMailCommand command, Delivery delivery, Permit.Queued queued) {
        waitsForTurn(command, delivery, queued.ticket(), queued.reason(), queued.turnAt());
        return new Outcome.RetryLater(queued.delay(), new Outcome.Cause.Paced(queued.reason()), true);
    }

    /** Waits for its turn set aside, not round the delay queues, until a grant in its lane brings it near. */
    private Outcome setAside(SendMailCommand command, byte[] body, Delivery delivery, Permit.Distant distant) {
        waitsForTurn(command, delivery, distant.ticket(), distant.reason(), distant.turnAt());
        long expectedWait = Math.max(0, distant.turnAt() - clock.millis());
        long latestAt = Math.min(
                distant.turnAt() + Math.max(SET_ASIDE_SLACK_MS, expectedWait / 2),
                clock.millis() + SET_ASIDE_AT_MOST_MS);
        var latest = Instant.ofEpochMilli(latestAt);
        return park(command, body, new Hold.Paced(lane(command).key(), distant.ticket(), latest));
    }

    private void waitsForTurn(SendMailCommand command, Delivery delivery, long ticket, String why, long turnAt) {
        String reason = "PACED: " + why + " until " + Instant.ofEpochMilli(turnAt);
        deliveries.queue(command.deliveryKey(), ticket, reason);
        if (!Long.valueOf(ticket).equals(delivery.paceTicket())) {
            reports.failed(command, delivery.attempts() - 1, reason, false);
        }
    }

    /**
     * The messages of the lane set aside whose turn the grant brought near go back on the queue, once this one is done
     * with and its lease handed back: their release is no part of its sending, and a slow MongoDB must not hold up or
     * outlast the lease. Should it fail, or this one's sending throw, the next grant in the lane releases them, or their
     * latest time does.
     */
    private void releaseNear(SendMailCommand command, Permit.Granted granted) {
        if (granted.nearBelow() == null) {
            return;
        }
        try {
            parked.releaseNear(command.accountId(), lane(command).key(), granted.nearBelow());
        } catch (RuntimeException e) {
            log.warn(
                    "Could not release the messages of account {} near their turn: {}",
                    command.accountId(),
                    e.toString());
        }
    }

    /**
     * The batch's state read again right before the Graph call, by a request sent a moment ago at most (see
     * {@link BatchDirectory#recentState}): once a cancel or pause has answered, nothing more of the batch goes to
     * Graph. {@code null}: it may go, as may a message an earlier attempt may have sent, which is looked up at Graph
     * instead.
     */
    private Outcome batchWithdrawn(SendMailCommand command, byte[] body, Delivery delivery) {
        if (command.batchId() == null || delivery.mayHaveSent()) {
            return null;
        }
        var state = batches.recentState(command.batchId());
        if (state == BatchDirectory.State.CANCELLED) {
            deliveries.markFailed(command.deliveryKey(), "CANCELLED");
            reports.failed(command, delivery.attempts() - 1, "CANCELLED", true);
            return Outcome.done();
        }
        if (state == BatchDirectory.State.PAUSED) {
            deliveries.putBack(command.deliveryKey(), "BATCH_PAUSED");
            return park(command, body, new Hold.BatchPaused(command.batchId()));
        }
        return null;
    }

    /** Single sends and high-priority messages go ahead of batches; each batch waits in a lane of its own. */
    private static Lane lane(SendMailCommand command) {
        return command.isTransactional() ? Lane.transactional() : Lane.batch(command.batchId());
    }

    private Outcome sendNow(
            SendMailCommand command, byte[] body, AccountSettings account, Delivery delivery, Permit.Granted permit) {
        int attempt = delivery.attempts();
        Delivering.Delivered delivered;
        try {
            delivered = delivering.deliver(command, account, delivery);
        } catch (StoredUploads.UnusableUpload unusable) {
            deliveries.markFailed(command.deliveryKey(), "ATTACHMENT_UNAVAILABLE");
            reports.failed(command, attempt, "ATTACHMENT_UNAVAILABLE: " + unusable.getMessage(), true);
            return Outcome.done();
        } catch (GraphCallFailed failure) {
            if (lacksPermission(failure) && tokens.permissionMissing(command.accountId())) {
                return putBackAndPark(command, body, attempt, new Hold.AwaitingConsent(TokenSource.MISSING_PERMISSION));
            }
            return failedAttempts.after(command, attempt, failure);
        } catch (AccountOnHold onHold) {
            return putBackAndPark(command, body, attempt, Hold.of(onHold));
        } finally {
            release(permit);
        }
        Instant sentAt = clock.instant();
        Runnable recording = () -> {
            try {
                deliveries.markSent(command.deliveryKey(), sentAt, delivered.draft());
            } catch (RuntimeException e) {
                throw MongoUnavailable.causedBy(e) ? new AcceptedButUnrecorded(sentAt, delivered.draft(), e) : e;
            }
        };
        return reportSent(command, attempt, sentAt, recording, delivered.graphRequests(), delivered.sentEarlier());
    }

    /**
     * The result goes out while the delivery is recorded as sent: the two writes are independent, and both are done
     * before the command is acknowledged. Published and not recorded (MongoDB away, or the worker stopped between),
     * the command comes back and is recorded, or looked up at Graph, and its result published again, which the
     * gateway applies once.
     */
    private Outcome reportSent(
            SendMailCommand command,
            int attempt,
            Instant sentAt,
            Runnable recording,
            int graphRequests,
            boolean sentEarlier) {
        reports.sent(command, attempt, sentAt, recording);
        log.info("Sent command {} for account {} (attempt {})", command.commandId(), command.accountId(), attempt);
        return new Outcome.Done(new Outcome.Cause.Sent(command.accountId(), graphRequests, sentEarlier));
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

    /** The account cannot be used until someone acts (consent, credentials): the attempt does not count. */
    private Outcome putBackAndPark(SendMailCommand command, byte[] body, int attempt, Hold hold) {
        deliveries.putBack(command.deliveryKey(), hold.reason());
        reports.failed(command, attempt - 1, hold.reason(), false);
        return park(command, body, hold);
    }

    private Outcome park(SendMailCommand command, byte[] body, Hold hold) {
        parked.park(command, body, hold);
        // What held it may have ended while it was being parked; then nobody else releases it.
        if (!stillHolds(command, hold)) {
            parked.releaseCommand(command.commandId());
        }
        return new Outcome.Parked(hold);
    }

    private boolean stillHolds(SendMailCommand command, Hold hold) {
        if (hold instanceof Hold.Paced) {
            // A cancel or pause that released the batch's parked messages before this one was parked: go back now, to
            // be cancelled or parked as paused at once, not at its latest time.
            var state = batches.state(command.batchId());
            return state != BatchDirectory.State.CANCELLED && state != BatchDirectory.State.PAUSED;
        }
        if (hold instanceof Hold.BatchPaused paused) {
            // Read now: a resume that released the batch's messages a moment ago must not leave this one behind.
            return batches.state(paused.batchId()) == BatchDirectory.State.PAUSED;
        }
        return hold instanceof Hold.CredentialsMissing
                ? tokens.credentialsUnavailable(command.accountId())
                : tokens.needsConsent(command.accountId());
    }

    private static boolean lacksPermission(GraphCallFailed failure) {
        return failure.status() == 403 && "ErrorAccessDenied".equals(failure.code());
    }

    private static int recipients(SendMailCommand command) {
        return command.to().size() + command.cc().size() + command.bcc().size();
    }
}

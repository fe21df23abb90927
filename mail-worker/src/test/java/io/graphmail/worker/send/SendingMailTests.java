package io.graphmail.worker.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graphmail.contract.send.AttachmentReference;
import io.graphmail.contract.send.MailFailed;
import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.worker.accounts.AccountDirectory;
import io.graphmail.worker.accounts.AccountHolds;
import io.graphmail.worker.accounts.AccountNeedsConsent;
import io.graphmail.worker.accounts.AccountSettings;
import io.graphmail.worker.graph.GraphDrafts;
import io.graphmail.worker.graph.GraphRefusals;
import io.graphmail.worker.pacing.Lane;
import io.graphmail.worker.pacing.Permit;
import io.graphmail.worker.send.batches.BatchDirectory;
import io.graphmail.worker.send.deliveries.Delivering;
import io.graphmail.worker.send.deliveries.Delivery;
import io.graphmail.worker.send.deliveries.StoredUploads;
import io.graphmail.worker.send.parking.Hold;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/** What becomes of a send command, branch by branch, with the stores, Graph and the broker replaced by fakes. */
class SendingMailTests {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final String ACCOUNT = "sales";
    static final byte[] BODY = "{\"as\":\"received\"}".getBytes(StandardCharsets.UTF_8);

    final Map<String, AccountSettings> accounts = new HashMap<>();
    final Map<UUID, Deque<BatchDirectory.State>> batchStates = new HashMap<>();
    final InMemoryDeliveries deliveries = new InMemoryDeliveries();
    final FakeTokens tokens = new FakeTokens();
    final ScriptedDelivering graph = new ScriptedDelivering();
    final ScriptedPacing pacing = new ScriptedPacing();
    final InMemoryParkedCommands parked = new InMemoryParkedCommands();
    final RecordedMailEvents events = new RecordedMailEvents();
    final RetryProperties retry =
            new RetryProperties(3, 2, Duration.ofSeconds(2), 2.0, Duration.ofMinutes(5), Duration.ofMinutes(2), 2);

    final SendingMail sendingMail = new SendingMail(
            new KnownAccounts(),
            this::batchState,
            deliveries,
            tokens,
            graph,
            pacing,
            parked,
            events,
            retry,
            Clock.fixed(NOW, ZoneOffset.UTC));

    SendingMailTests() {
        accounts.put(
                ACCOUNT,
                new AccountSettings(
                        ACCOUNT,
                        AccountSettings.Type.APPLICATION,
                        "sales@example.com",
                        "organizations",
                        "client",
                        "sales",
                        null,
                        "ACTIVE"));
    }

    @Test
    void sendsAClaimedCommandAndReportsItSent() {
        var command = command(null);

        var outcome = sendingMail.send(command, BODY);

        assertThat(outcome).isEqualTo(new Outcome.Done(new Outcome.Cause.Sent(ACCOUNT, 2, false)));
        assertThat(deliveries.get(command.deliveryKey()).state()).isEqualTo(Delivery.State.SENT);
        assertThat(events.sent).singleElement().satisfies(sent -> {
            assertThat(sent.commandId()).isEqualTo(command.commandId());
            assertThat(sent.attempts()).isEqualTo(1);
            assertThat(sent.sentAt()).isEqualTo(NOW);
        });
        assertThat(pacing.released).as("the pacing lease is handed back").hasSize(1);
    }

    @Test
    void aSendMongoDbCouldNotRecordComesBackKnowingGraphAcceptedItAndIsRecordedThen() {
        var command = command(null);
        deliveries.markSentFails = new DataAccessResourceFailureException("MongoDB away");

        assertThatThrownBy(() -> sendingMail.send(command, BODY))
                .isInstanceOfSatisfying(
                        AcceptedButUnrecorded.class,
                        unrecorded -> assertThat(unrecorded.sentAt()).isEqualTo(NOW));
        assertThat(events.sent)
                .as("published while the delivery was being recorded")
                .hasSize(1);
        assertThat(deliveries.get(command.deliveryKey()).state()).isEqualTo(Delivery.State.SENDING);

        assertThatThrownBy(() -> sendingMail.recordAccepted(command, BODY, NOW, null))
                .isSameAs(deliveries.markSentFails);
        assertThat(events.sent)
                .as("not published again while MongoDB stays away")
                .hasSize(1);

        deliveries.markSentFails = null;
        var outcome = sendingMail.recordAccepted(command, BODY, NOW, null);

        assertThat(outcome.cause()).isEqualTo(new Outcome.Cause.Sent(ACCOUNT, 0, false));
        assertThat(deliveries.get(command.deliveryKey()).state()).isEqualTo(Delivery.State.SENT);
        assertThat(graph.attempts).as("sent once").hasSize(1);
        assertThat(events.sent)
                .as("the result again, which the gateway applies once")
                .hasSize(2)
                .allSatisfy(sent -> assertThat(sent.sentAt()).isEqualTo(NOW));
    }

    @Test
    void countsAMessageFoundAlreadySentAsADuplicateAvoided() {
        graph.answer = new Delivering.Delivered(true, 1);

        assertThat(sendingMail.send(command(null), BODY).cause()).isEqualTo(new Outcome.Cause.Sent(ACCOUNT, 1, true));
    }

    @Test
    void waitsForADeliveryThatAnotherWorkerHasClaimed() {
        var command = command(null);
        deliveries.claim(command.deliveryKey(), ACCOUNT, NOW.minusSeconds(10));

        var outcome = sendingMail.send(command, BODY);

        assertThat(outcome).isEqualTo(Outcome.retryLater(retry.inFlightLease()));
        assertThat(graph.attempts).isEmpty();
        assertThat(events.sent).isEmpty();
    }

    @Test
    void repeatsTheResultOfADeliveryAlreadySent() {
        var command = command(null);
        deliveries.claim(command.deliveryKey(), ACCOUNT, NOW.minusSeconds(60));
        deliveries.markSent(command.deliveryKey(), NOW.minusSeconds(50), null);

        var outcome = sendingMail.send(command, BODY);

        assertThat(outcome).isEqualTo(Outcome.done());
        assertThat(graph.attempts).as("not sent again").isEmpty();
        assertThat(events.sent)
                .singleElement()
                .satisfies(sent -> assertThat(sent.sentAt()).isEqualTo(NOW.minusSeconds(50)));
    }

    @Test
    void failsAnInterruptedCommandThatKeepsNoSentCopyRatherThanRiskSendingItTwice() {
        var command = SendMailCommandBuilder.sendMail(ACCOUNT)
                .subject("Hi")
                .textBody("Hello")
                .submittedAt(NOW.minusSeconds(60))
                .saveToSentItems(false)
                .build();
        deliveries.claim(
                command.deliveryKey(), ACCOUNT, NOW.minus(retry.inFlightLease()).minusSeconds(1));

        var outcome = sendingMail.send(command, BODY);

        assertThat(outcome).isEqualTo(Outcome.done());
        assertThat(deliveries.get(command.deliveryKey()).lastError()).isEqualTo(AlreadyClaimed.OUTCOME_UNKNOWN);
        assertThat(events.failed).singleElement().satisfies(failed -> {
            assertThat(failed.reason()).isEqualTo(AlreadyClaimed.OUTCOME_UNKNOWN);
            assertThat(failed.permanent()).isTrue();
        });
        assertThat(graph.attempts).isEmpty();
    }

    @Test
    void retriesAnInterruptedCommandThatKeepsASentCopyLookingForItFirst() {
        var command = command(null);
        deliveries.claim(
                command.deliveryKey(), ACCOUNT, NOW.minus(retry.inFlightLease()).minusSeconds(1));

        assertThat(sendingMail.send(command, BODY)).isEqualTo(Outcome.retryLater(retry.initialBackoff()));
        sendingMail.send(command, BODY);

        assertThat(graph.attempts)
                .singleElement()
                .satisfies(delivery -> assertThat(delivery.mayHaveSent()).isTrue());
    }

    @Test
    void failsACommandForAnUnknownAccountForGood() {
        var outcome = sendingMail.send(command(null, "nobody"), BODY);

        assertThat(outcome).isEqualTo(Outcome.done());
        assertThat(events.failed).singleElement().satisfies(failed -> {
            assertThat(failed.reason()).isEqualTo("UNKNOWN_ACCOUNT");
            assertThat(failed.permanent()).isTrue();
        });
    }

    @Test
    void failsACommandOfACancelledBatch() {
        var command = command(batch(BatchDirectory.State.CANCELLED));

        assertThat(sendingMail.send(command, BODY)).isEqualTo(Outcome.done());
        assertThat(events.failed).extracting(MailFailed::reason).containsExactly("CANCELLED");
        assertThat(deliveries.find(command.deliveryKey())).isEmpty();
    }

    @Test
    void looksAgainShortlyAtACommandOfABatchStillBeingSubmitted() {
        var command = command(batch(BatchDirectory.State.SUBMITTING));

        assertThat(sendingMail.send(command, BODY)).isEqualTo(Outcome.retryLater(Duration.ofMillis(250)));
        assertThat(deliveries.find(command.deliveryKey())).isEmpty();
    }

    @Test
    void looksLessOftenAtACommandHeldAgainAndAgainWhileItsBatchIsSubmitted() {
        var command = command(batch(BatchDirectory.State.SUBMITTING));

        assertThat(sendingMail.send(command, BODY, 1)).isEqualTo(Outcome.retryLater(Duration.ofSeconds(1)));
        assertThat(sendingMail.send(command, BODY, 3)).isEqualTo(Outcome.retryLater(Duration.ofSeconds(1)));
        assertThat(sendingMail.send(command, BODY, 4)).isEqualTo(Outcome.retryLater(Duration.ofSeconds(5)));
        assertThat(sendingMail.send(command, BODY, 40)).isEqualTo(Outcome.retryLater(Duration.ofSeconds(5)));
        assertThat(deliveries.find(command.deliveryKey())).isEmpty();
    }

    @Test
    void parksACommandOfAPausedBatchAsItArrived() {
        UUID batchId = batch(BatchDirectory.State.PAUSED, BatchDirectory.State.PAUSED);
        var command = command(batchId);

        var outcome = sendingMail.send(command, BODY);

        assertThat(outcome).isEqualTo(new Outcome.Parked(new Hold.BatchPaused(batchId)));
        assertThat(parked.parked.get(command.commandId()).body()).isEqualTo(BODY);
        assertThat(parked.parked.get(command.commandId()).hold().reason()).isEqualTo("BATCH_PAUSED");
        assertThat(parked.released).isEmpty();
        assertThat(deliveries.find(command.deliveryKey())).as("not claimed").isEmpty();
    }

    @Test
    void releasesAParkedCommandAtOnceWhenItsBatchResumedMeanwhile() {
        var command = command(batch(BatchDirectory.State.PAUSED, BatchDirectory.State.ACTIVE));

        sendingMail.send(command, BODY);

        assertThat(parked.released).containsExactly(command.commandId());
    }

    @Test
    void parksACommandWhoseAccountAwaitsConsentWithoutCountingTheAttempt() {
        var command = command(null);
        graph.refusal = new AccountNeedsConsent(ACCOUNT, "PENDING_CONSENT");
        tokens.awaitingConsent.add(ACCOUNT);

        var outcome = sendingMail.send(command, BODY);

        assertThat(outcome).isEqualTo(new Outcome.Parked(new Hold.AwaitingConsent("PENDING_CONSENT")));
        var delivery = deliveries.get(command.deliveryKey());
        assertThat(delivery.state()).isEqualTo(Delivery.State.RETRYING);
        assertThat(delivery.attempts()).isZero();
        assertThat(delivery.lastError()).isEqualTo("AWAITING_CONSENT: PENDING_CONSENT");
        assertThat(events.failed).singleElement().satisfies(failed -> {
            assertThat(failed.reason()).isEqualTo("AWAITING_CONSENT: PENDING_CONSENT");
            assertThat(failed.permanent()).isFalse();
            assertThat(failed.attempts()).isZero();
        });
        assertThat(parked.parked).containsKey(command.commandId());
        assertThat(parked.released).isEmpty();
        assertThat(pacing.released).hasSize(1);
    }

    @Test
    void releasesAParkedCommandAtOnceWhenConsentCameMeanwhile() {
        var command = command(null);
        graph.refusal = new AccountNeedsConsent(ACCOUNT, "PENDING_CONSENT");

        sendingMail.send(command, BODY);

        assertThat(parked.released).containsExactly(command.commandId());
    }

    @Test
    void parksACommandWhoseAccountHasNoReadableCredentials() {
        var command = command(null);
        graph.refusal = AccountHolds.credentialsUnavailable(ACCOUNT, "secret alias 'sales' is not configured");
        tokens.withoutCredentials.add(ACCOUNT);

        var outcome = sendingMail.send(command, BODY);

        assertThat(outcome)
                .isEqualTo(new Outcome.Parked(new Hold.CredentialsMissing("secret alias 'sales' is not configured")));
        assertThat(deliveries.get(command.deliveryKey()).lastError())
                .isEqualTo("CREDENTIALS_UNAVAILABLE: secret alias 'sales' is not configured");
        assertThat(parked.released).isEmpty();
    }

    @Test
    void parksACommandWhoseDelegatedAccountLacksAPermissionUntilItsOwnerConsentsAgain() {
        var command = command(null);
        graph.refusal = GraphRefusals.refused(403, "ErrorAccessDenied", null);
        tokens.delegated.add(ACCOUNT);

        var outcome = sendingMail.send(command, BODY);

        assertThat(outcome).isEqualTo(new Outcome.Parked(new Hold.AwaitingConsent("MISSING_PERMISSION")));
        assertThat(events.failed)
                .extracting(MailFailed::reason)
                .containsExactly("AWAITING_CONSENT: MISSING_PERMISSION");
        assertThat(parked.released).isEmpty();
    }

    @Test
    void failsACommandForGoodWhenAnApplicationAccountLacksAPermission() {
        var command = command(null);
        graph.refusal = GraphRefusals.refused(403, "ErrorAccessDenied", null);

        var outcome = sendingMail.send(command, BODY);

        assertThat(outcome).isEqualTo(new Outcome.Done(new Outcome.Cause.GraphFailed("ErrorAccessDenied", true)));
        assertThat(deliveries.get(command.deliveryKey()).state()).isEqualTo(Delivery.State.FAILED);
        assertThat(parked.parked).isEmpty();
    }

    @Test
    void defersACommandThePacingHoldsBackWithoutCountingTheAttempt() {
        var command = command(null);
        pacing.next = new Permit.Deferred(Duration.ofMinutes(20), "DAILY_RECIPIENTS");

        var outcome = sendingMail.send(command, BODY);

        assertThat(outcome)
                .as("no slot reserved: not for its turn")
                .isEqualTo(new Outcome.RetryLater(
                        Duration.ofMinutes(20), new Outcome.Cause.Paced("DAILY_RECIPIENTS"), false));
        var delivery = deliveries.get(command.deliveryKey());
        assertThat(delivery.attempts()).isZero();
        assertThat(delivery.lastError()).isEqualTo("PACED: DAILY_RECIPIENTS");
        assertThat(graph.attempts).isEmpty();
        assertThat(pacing.released).isEmpty();
    }

    @Test
    void keepsTheTicketThePacingGaveAndPresentsItNextTime() {
        var command = command(null);
        pacing.next = new Permit.Queued(7, 30_250, Duration.ofMillis(30_250), "RATE");

        var outcome = sendingMail.send(command, BODY);

        assertThat(outcome)
                .as("it comes back for a reserved slot")
                .isEqualTo(new Outcome.RetryLater(Duration.ofMillis(30_250), new Outcome.Cause.Paced("RATE"), true));
        assertThat(deliveries.get(command.deliveryKey()).paceTicket()).isEqualTo(7L);
        assertThat(pacing.lanePresented).isEqualTo(Lane.transactional());

        pacing.next = null;
        sendingMail.send(command, BODY);
        assertThat(pacing.ticketPresented).isEqualTo(7L);
        assertThat(events.sent)
                .singleElement()
                .satisfies(sent -> assertThat(sent.attempts()).isEqualTo(1));
    }

    @Test
    void saysOnceThatAMessageWaitsForItsTurnAndUntilWhen() {
        var command = command(null);
        pacing.next = new Permit.Queued(7, 30_250, Duration.ofMillis(30_250), "RATE");

        sendingMail.send(command, BODY);
        sendingMail.send(command, BODY);

        assertThat(events.failed).singleElement().satisfies(failed -> {
            assertThat(failed.reason()).isEqualTo("PACED: RATE until 1970-01-01T00:00:30.250Z");
            assertThat(failed.permanent()).isFalse();
            assertThat(failed.attempts()).isZero();
        });
    }

    @Test
    void setsAsideAMessageFarFromItsTurnWithItsLaneAndTicket() {
        UUID batchId = batch(BatchDirectory.State.ACTIVE);
        var command = command(batchId);
        pacing.next = new Permit.Distant(70, NOW.toEpochMilli() + 60_000, "RATE");

        var outcome = sendingMail.send(command, BODY);

        var hold = new Hold.Paced(Lane.batch(batchId).key(), 70, NOW.plusSeconds(90));
        assertThat(outcome).isEqualTo(new Outcome.Parked(hold));
        assertThat(parked.parked.get(command.commandId()).hold()).isEqualTo(hold);
        var delivery = deliveries.get(command.deliveryKey());
        assertThat(delivery.paceTicket()).isEqualTo(70L);
        assertThat(delivery.attempts()).isZero();
        assertThat(events.failed)
                .singleElement()
                .satisfies(failed -> assertThat(failed.reason()).isEqualTo("PACED: RATE until 2026-12-01T10:01:00Z"));
    }

    @Test
    void aMessageSetAsideLongBeforeItsTurnAsksAgainWithinTwoMinutes() {
        UUID batchId = batch(BatchDirectory.State.ACTIVE);
        var command = command(batchId);
        pacing.next = new Permit.Distant(3_600, NOW.toEpochMilli() + 3_600_000, "RATE");

        sendingMail.send(command, BODY);

        assertThat(parked.parked.get(command.commandId()).hold())
                .as("should its lane stop granting, its slots are not left unused for half an hour")
                .isEqualTo(new Hold.Paced(Lane.batch(batchId).key(), 3_600, NOW.plus(Duration.ofMinutes(2))));
    }

    @Test
    void aMessageSetAsideAfterItsBatchWasCancelledGoesBackAtOnce() {
        UUID batchId = batch(BatchDirectory.State.ACTIVE, BatchDirectory.State.CANCELLED);
        var command = command(batchId);
        pacing.next = new Permit.Distant(70, NOW.toEpochMilli() + 60_000, "RATE");

        sendingMail.send(command, BODY);

        assertThat(parked.released)
                .as("the cancel released the batch's parked messages before this one was parked")
                .containsExactly(command.commandId());
        assertThat(parked.parked).isEmpty();
    }

    @Test
    void aMessageSetAsideWhileItsBatchRunsStaysSetAside() {
        UUID batchId = batch(BatchDirectory.State.ACTIVE);
        var command = command(batchId);
        pacing.next = new Permit.Distant(70, NOW.toEpochMilli() + 60_000, "RATE");

        sendingMail.send(command, BODY);

        assertThat(parked.released).isEmpty();
        assertThat(parked.parked).containsOnlyKeys(command.commandId());
    }

    @Test
    void aGrantPutsTheMessagesOfItsLaneNowNearTheirTurnBackOnTheQueue() {
        UUID batchId = batch(BatchDirectory.State.ACTIVE);
        var near = setAside(batchId, 72);
        var far = setAside(batchId, 80);
        pacing.next = new Permit.Granted(ACCOUNT, "lease", true, 75L);

        sendingMail.send(command(batchId), BODY);

        assertThat(parked.released).containsExactly(near.commandId());
        assertThat(parked.parked).containsOnlyKeys(far.commandId());
    }

    @Test
    void aGrantReleasesTheMessagesNearTheirTurnOnlyOnceItsMessageIsSentAndItsLeaseHandedBack() {
        UUID batchId = batch(BatchDirectory.State.ACTIVE);
        var near = setAside(batchId, 72);
        pacing.next = new Permit.Granted(ACCOUNT, "lease", true, 75L);
        var releasedDuringGraphCall = new ArrayList<UUID>();
        graph.whileDelivering = () -> releasedDuringGraphCall.addAll(parked.released);
        var leasesHandedBackBeforeRelease = new ArrayList<Permit.Granted>();
        parked.releasingNear = () -> leasesHandedBackBeforeRelease.addAll(pacing.released);

        var outcome = sendingMail.send(command(batchId), BODY);

        assertThat(outcome.cause()).isInstanceOf(Outcome.Cause.Sent.class);
        assertThat(releasedDuringGraphCall)
                .as("nothing released while the lease is held")
                .isEmpty();
        assertThat(leasesHandedBackBeforeRelease).hasSize(1);
        assertThat(parked.released).containsExactly(near.commandId());
    }

    @Test
    void aReleaseThatFailsAfterTheGrantedSendLeavesTheMessageSentAndTheOthersSetAside() {
        UUID batchId = batch(BatchDirectory.State.ACTIVE);
        var near = setAside(batchId, 72);
        pacing.next = new Permit.Granted(ACCOUNT, "lease", true, 75L);
        parked.releasingNear = () -> {
            throw new IllegalStateException("MongoDB timed out");
        };
        var command = command(batchId);

        var outcome = sendingMail.send(command, BODY);

        assertThat(outcome).isEqualTo(new Outcome.Done(new Outcome.Cause.Sent(ACCOUNT, 2, false)));
        assertThat(deliveries.get(command.deliveryKey()).state()).isEqualTo(Delivery.State.SENT);
        assertThat(parked.parked)
                .as("for the next grant in the lane, or its latest time, to release")
                .containsOnlyKeys(near.commandId());
    }

    /** A message of the batch set aside for its turn, with this ticket of the batch's lane. */
    private SendMailCommand setAside(UUID batchId, long ticket) {
        var command = command(batchId);
        parked.park(command, BODY, new Hold.Paced(Lane.batch(batchId).key(), ticket, NOW.plusSeconds(60)));
        return command;
    }

    @Test
    void aHighPriorityMessageOfABatchWaitsInTheTransactionalLane() {
        UUID batchId = batch(BatchDirectory.State.ACTIVE);
        var command = SendMailCommandBuilder.sendMail(ACCOUNT)
                .submittedAt(NOW.minusSeconds(60))
                .batch(batchId)
                .priority(SendMailCommand.HIGH_PRIORITY)
                .build();

        sendingMail.send(command, BODY);

        assertThat(pacing.lanePresented).isEqualTo(Lane.transactional());
    }

    @Test
    void waitsInItsBatchsLane() {
        UUID batchId = batch(BatchDirectory.State.ACTIVE);

        sendingMail.send(command(batchId), BODY);

        assertThat(pacing.lanePresented).isEqualTo(Lane.batch(batchId));
    }

    @Test
    void sendsNothingOfABatchCancelledWhileItsMessageWaitedForAPermit() {
        UUID batchId = batch(BatchDirectory.State.ACTIVE, BatchDirectory.State.CANCELLED);
        var command = command(batchId);

        assertThat(sendingMail.send(command, BODY)).isEqualTo(Outcome.done());

        assertThat(graph.attempts).isEmpty();
        assertThat(pacing.unused).hasSize(1);
        assertThat(events.failed).extracting(MailFailed::reason).containsExactly("CANCELLED");
        assertThat(deliveries.get(command.deliveryKey()).state()).isEqualTo(Delivery.State.FAILED);
    }

    @Test
    void parksAMessageAtOnceWhoseBatchsLaneWasClosedThoughItsStateWasReadBeforeThePause() {
        UUID batchId = batch(BatchDirectory.State.ACTIVE, BatchDirectory.State.PAUSED);
        var command = command(batchId);
        pacing.next = new Permit.Deferred(Duration.ofSeconds(1), Permit.LANE_CLOSED);

        assertThat(sendingMail.send(command, BODY)).isEqualTo(new Outcome.Parked(new Hold.BatchPaused(batchId)));

        assertThat(graph.attempts).isEmpty();
        assertThat(deliveries.get(command.deliveryKey()).attempts()).isZero();
    }

    @Test
    void cancelsAMessageAtOnceWhoseBatchsLaneWasClosedByACancel() {
        UUID batchId = batch(BatchDirectory.State.ACTIVE, BatchDirectory.State.CANCELLED);
        var command = command(batchId);
        pacing.next = new Permit.Deferred(Duration.ofSeconds(1), Permit.LANE_CLOSED);

        assertThat(sendingMail.send(command, BODY)).isEqualTo(Outcome.done());

        assertThat(graph.attempts).isEmpty();
        assertThat(events.failed).extracting(MailFailed::reason).containsExactly("CANCELLED");
    }

    @Test
    void parksAMessageOfABatchPausedWhileItWaitedForAPermit() {
        UUID batchId = batch(BatchDirectory.State.ACTIVE, BatchDirectory.State.PAUSED);
        var command = command(batchId);

        assertThat(sendingMail.send(command, BODY)).isEqualTo(new Outcome.Parked(new Hold.BatchPaused(batchId)));

        assertThat(graph.attempts).isEmpty();
        assertThat(pacing.unused).hasSize(1);
        assertThat(deliveries.get(command.deliveryKey()).state()).isEqualTo(Delivery.State.RETRYING);
        assertThat(deliveries.get(command.deliveryKey()).attempts()).isZero();
    }

    @Test
    void holdsTheAccountForAsLongAsGraphAsksWhenThrottled() {
        var command = command(null);
        graph.refusal = GraphRefusals.refused(429, "ApplicationThrottled", Duration.ofSeconds(7));

        var outcome = sendingMail.send(command, BODY);

        assertThat(outcome)
                .isEqualTo(new Outcome.RetryLater(
                        Duration.ofSeconds(7), new Outcome.Cause.Throttled(ACCOUNT, Duration.ofSeconds(7))));
        assertThat(pacing.throttled).containsEntry(ACCOUNT, Duration.ofSeconds(7));
        assertThat(deliveries.get(command.deliveryKey()).attempts())
                .as("not counted")
                .isZero();
        assertThat(events.failed).singleElement().satisfies(failed -> {
            assertThat(failed.reason()).isEqualTo("ApplicationThrottled");
            assertThat(failed.permanent()).isFalse();
        });
    }

    @Test
    void deadLettersACommandGraphKeepsThrottling() {
        var command = command(null);
        graph.refusal = GraphRefusals.refused(429, "ApplicationThrottled", null);
        sendingMail.send(command, BODY);

        var outcome = sendingMail.send(command, BODY);

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        Outcome.DeadLetter.class,
                        deadLetter -> assertThat(deadLetter.reason())
                                .isEqualTo("RETRIES_EXHAUSTED: throttled by Graph 2 times"));
        assertThat(deliveries.get(command.deliveryKey()).state()).isEqualTo(Delivery.State.FAILED);
    }

    @Test
    void failsACommandGraphRefusesForGood() {
        var command = command(null);
        graph.refusal = GraphRefusals.refused(400, "ErrorInvalidRecipients", null);

        var outcome = sendingMail.send(command, BODY);

        assertThat(outcome).isEqualTo(new Outcome.Done(new Outcome.Cause.GraphFailed("ErrorInvalidRecipients", true)));
        assertThat(deliveries.get(command.deliveryKey()).lastError()).isEqualTo("ErrorInvalidRecipients");
        assertThat(events.failed).singleElement().satisfies(failed -> {
            assertThat(failed.permanent()).isTrue();
            assertThat(failed.attempts()).isEqualTo(1);
        });
    }

    @Test
    void retriesATransientFailureAfterGraphsRetryAfterAndDeadLettersItWhenAttemptsRunOut() {
        var command = command(null);
        graph.refusal = GraphRefusals.refused(503, "ServiceUnavailable", Duration.ofSeconds(3));

        assertThat(sendingMail.send(command, BODY))
                .isEqualTo(new Outcome.RetryLater(
                        Duration.ofSeconds(3), new Outcome.Cause.GraphFailed("ServiceUnavailable", false)));
        assertThat(sendingMail.send(command, BODY)).isInstanceOf(Outcome.RetryLater.class);
        var last = sendingMail.send(command, BODY);

        assertThat(last)
                .isEqualTo(new Outcome.DeadLetter(
                        "RETRIES_EXHAUSTED: ServiceUnavailable after 3 attempts",
                        new Outcome.Cause.GraphFailed("ServiceUnavailable", true)));
        assertThat(events.failed).hasSize(2);
    }

    @Test
    void looksBeforeSendingAgainWhenGraphsAnswerNeverCame() {
        var command = command(null);
        graph.refusal = GraphRefusals.refused(0, "NETWORK_ERROR:SocketTimeoutException", null);

        var outcome = sendingMail.send(command, BODY);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.RetryLater.class, retry -> {
            assertThat(retry.delay()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
            assertThat(retry.cause())
                    .isEqualTo(new Outcome.Cause.GraphFailed("NETWORK_ERROR:SocketTimeoutException", false));
        });
        assertThat(deliveries.get(command.deliveryKey()).attempts())
                .as("not counted")
                .isZero();

        graph.refusal = null;
        sendingMail.send(command, BODY);
        assertThat(graph.attempts.get(1).mayHaveSent())
                .as("the next attempt looks first")
                .isTrue();
    }

    @Test
    void deadLettersACommandThatNeverGetsAnAnswer() {
        var command = command(null);
        graph.refusal = GraphRefusals.refused(0, "NETWORK_ERROR:ConnectException", null);
        sendingMail.send(command, BODY);

        assertThat(sendingMail.send(command, BODY))
                .isEqualTo(new Outcome.DeadLetter(
                        "RETRIES_EXHAUSTED: NETWORK_ERROR:ConnectException 2 times",
                        new Outcome.Cause.GraphFailed("NETWORK_ERROR:ConnectException", false)));
    }

    @Test
    void failsACommandWhoseUploadedAttachmentIsGone() {
        var command = command(null);
        graph.refusal = new StoredUploads.UnusableUpload(
                new AttachmentReference("65f0c0ffee", "report.pdf", "application/pdf", 10, null), "no longer exists");

        assertThat(sendingMail.send(command, BODY)).isEqualTo(Outcome.done());
        assertThat(deliveries.get(command.deliveryKey()).lastError()).isEqualTo("ATTACHMENT_UNAVAILABLE");
        assertThat(events.failed)
                .singleElement()
                .satisfies(failed -> assertThat(failed.reason())
                        .startsWith("ATTACHMENT_UNAVAILABLE: uploaded attachment 65f0c0ffee"));
    }

    @Test
    void recordsAMessageGraphAcceptedBeforeItCouldBeRecordedWithoutSendingAgain() {
        var command = command(null);
        deliveries.claim(command.deliveryKey(), ACCOUNT, NOW.minusSeconds(5));

        var outcome = sendingMail.recordAccepted(
                command, BODY, NOW.minusSeconds(4), new GraphDrafts.Draft("draft-1", "<draft-1@example.com>"));

        assertThat(outcome).isEqualTo(new Outcome.Done(new Outcome.Cause.Sent(ACCOUNT, 0, false)));
        assertThat(deliveries.get(command.deliveryKey()).sentAt()).isEqualTo(NOW.minusSeconds(4));
        assertThat(deliveries.get(command.deliveryKey()).draftId()).isEqualTo("draft-1");
        assertThat(graph.attempts).isEmpty();
    }

    private UUID batch(BatchDirectory.State... states) {
        UUID batchId = UUID.randomUUID();
        batchStates.put(batchId, new ArrayDeque<>(List.of(states)));
        return batchId;
    }

    /** Each read answers the next state the test set, the last one for good. */
    private BatchDirectory.State batchState(UUID batchId) {
        var states = batchStates.get(batchId);
        return states.size() > 1 ? states.poll() : states.peek();
    }

    private static SendMailCommand command(UUID batchId) {
        return command(batchId, ACCOUNT);
    }

    private static SendMailCommand command(UUID batchId, String accountId) {
        return SendMailCommandBuilder.sendMail(accountId)
                .subject("Hi")
                .textBody("Hello")
                .submittedAt(NOW.minusSeconds(60))
                .batch(batchId)
                .build();
    }

    private class KnownAccounts implements AccountDirectory {

        @Override
        public Optional<AccountSettings> find(String accountId) {
            return Optional.ofNullable(accounts.get(accountId));
        }

        @Override
        public Optional<AccountSettings> findRecent(String accountId) {
            return find(accountId);
        }

        @Override
        public List<AccountSettings> withStatus(String status) {
            return List.of();
        }
    }
}

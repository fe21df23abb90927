package io.graphmail.worker.send;

import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.platform.mongodb.MongoUnavailable;
import io.graphmail.worker.graph.GraphDrafts;
import io.graphmail.worker.messaging.DeadLetters;
import io.graphmail.worker.messaging.Retries;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageListener;
import org.springframework.stereotype.Component;

/**
 * Takes send commands off the queue and carries out what {@link SendingMail} decided. A command is acknowledged only
 * after its outcome (result event, scheduled retry, parked copy or dead letter) has been confirmed or stored.
 *
 * <p>It reads raw messages rather than converted payloads so that a malformed one can be
 * dead-lettered with its reason instead of being rejected blindly by the container.
 *
 * <p>While MongoDB cannot be reached nothing about the command can be recorded, so it goes back through a delay
 * queue, as often as it takes; requeued at once it would spin through the queue's delivery limit and be
 * dead-lettered. A command whose message Graph accepted before that could be recorded comes back with a header
 * saying so ({@value #GRAPH_ACCEPTED_HEADER}, when; the draft's ids with it), and is recorded as sent rather than
 * sent again.
 */
@Component
class SendMailListener implements MessageListener {

    private static final Logger log = LoggerFactory.getLogger(SendMailListener.class);

    static final Duration DATABASE_RECHECK = Duration.ofSeconds(5);

    static final String GRAPH_ACCEPTED_HEADER = "x-graphmail-graph-accepted";

    /** With {@value #GRAPH_ACCEPTED_HEADER}: the id of the draft Graph accepted, and its Internet message id. */
    static final String GRAPH_DRAFT_HEADER = "x-graphmail-graph-draft";

    static final String GRAPH_MESSAGE_ID_HEADER = "x-graphmail-graph-internet-message-id";

    /** How often a worker has put the command back on the queue to look at it again later (an outcome's retry). */
    static final String RECHECKS_HEADER = "x-graphmail-rechecks";

    private final SendMailCommandReader reader;
    private final SendingMail sendingMail;
    private final SendingMetrics metrics;
    private final Retries retries;
    private final DeadLetters deadLetters;

    SendMailListener(
            SendMailCommandReader reader,
            SendingMail sendingMail,
            SendingMetrics metrics,
            Retries retries,
            DeadLetters deadLetters) {
        this.reader = reader;
        this.sendingMail = sendingMail;
        this.metrics = metrics;
        this.retries = retries;
        this.deadLetters = deadLetters;
    }

    @Override
    public void onMessage(Message message) {
        var reading = reader.read(message);
        if (reading instanceof SendMailCommandReader.Reading.Unreadable unreadable) {
            log.warn(
                    "Dead-lettering unreadable message {}: {}",
                    message.getMessageProperties().getMessageId(),
                    unreadable.reason());
            deadLetters.deadLetter(message, unreadable.reason());
            return;
        }
        SendMailCommand command = ((SendMailCommandReader.Reading.Command) reading).command();
        Outcome outcome;
        try {
            Object accepted = message.getMessageProperties().getHeader(GRAPH_ACCEPTED_HEADER);
            outcome = accepted == null
                    ? sendingMail.send(command, message.getBody(), rechecks(message))
                    : sendingMail.recordAccepted(
                            command, message.getBody(), Instant.parse(accepted.toString()), acceptedDraft(message));
        } catch (AcceptedButUnrecorded unrecorded) {
            log.warn(
                    "MongoDB unavailable; Graph accepted command {} for account {}, to be recorded in {}",
                    command.commandId(),
                    command.accountId(),
                    DATABASE_RECHECK);
            var withKnowledge = MessageBuilder.fromClonedMessage(message)
                    .setHeader(GRAPH_ACCEPTED_HEADER, unrecorded.sentAt().toString())
                    .build();
            if (unrecorded.draft() != null) {
                withKnowledge
                        .getMessageProperties()
                        .setHeader(GRAPH_DRAFT_HEADER, unrecorded.draft().id());
                withKnowledge
                        .getMessageProperties()
                        .setHeader(GRAPH_MESSAGE_ID_HEADER, unrecorded.draft().internetMessageId());
            }
            retries.retryLater(withKnowledge, DATABASE_RECHECK, command.isTransactional());
            return;
        } catch (RuntimeException e) {
            if (!MongoUnavailable.causedBy(e)) {
                throw e;
            }
            log.warn(
                    "MongoDB unavailable; command {} for account {} will be retried in {}",
                    command.commandId(),
                    command.accountId(),
                    DATABASE_RECHECK);
            retries.retryLater(message, DATABASE_RECHECK, command.isTransactional());
            return;
        }
        metrics.record(outcome);
        act(command, message, outcome);
    }

    private void act(SendMailCommand command, Message message, Outcome outcome) {
        if (outcome instanceof Outcome.RetryLater retry) {
            log.info(
                    "Command {} for account {} will be retried in {}{}",
                    command.commandId(),
                    command.accountId(),
                    retry.delay(),
                    retry.cause() instanceof Outcome.Cause.Paced paced ? " (paced: " + paced.reason() + ")" : "");
            message.getMessageProperties().setHeader(RECHECKS_HEADER, rechecks(message) + 1);
            retries.retryLater(message, retry.delay(), command.isTransactional() || retry.forItsTurn());
        } else if (outcome instanceof Outcome.Parked parked) {
            log.info(
                    "Command {} for account {} parked ({}) until {}",
                    command.commandId(),
                    command.accountId(),
                    parked.hold().reason(),
                    parked.hold().endsWhen());
        } else if (outcome instanceof Outcome.DeadLetter deadLetter) {
            log.warn(
                    "Dead-lettering command {} for account {}: {}",
                    command.commandId(),
                    command.accountId(),
                    deadLetter.reason());
            deadLetters.deadLetter(message, deadLetter.reason());
        }
    }

    /** The draft Graph accepted, as an earlier delivery that could not record it left it in the headers. */
    private static GraphDrafts.Draft acceptedDraft(Message message) {
        Object draftId = message.getMessageProperties().getHeader(GRAPH_DRAFT_HEADER);
        Object internetMessageId = message.getMessageProperties().getHeader(GRAPH_MESSAGE_ID_HEADER);
        return draftId == null
                ? null
                : new GraphDrafts.Draft(
                        draftId.toString(), internetMessageId == null ? null : internetMessageId.toString());
    }

    private static long rechecks(Message message) {
        return message.getMessageProperties().getHeader(RECHECKS_HEADER) instanceof Number count
                ? count.longValue()
                : 0;
    }
}

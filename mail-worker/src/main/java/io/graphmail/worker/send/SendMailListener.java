package io.graphmail.worker.send;

import static io.graphmail.contract.MailTopology.SEND_QUEUE;

import io.graphmail.worker.messaging.DeadLetters;
import io.graphmail.worker.messaging.Retries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Takes send commands off the queue. A command is acknowledged only after its outcome (result
 * event, scheduled retry or dead letter) has been confirmed by the broker.
 */
@Component
class SendMailListener {

    private static final Logger log = LoggerFactory.getLogger(SendMailListener.class);

    private final SendMailCommandReader reader;
    private final SendingMail sendingMail;
    private final Retries retries;
    private final DeadLetters deadLetters;

    SendMailListener(
            SendMailCommandReader reader, SendingMail sendingMail, Retries retries, DeadLetters deadLetters) {
        this.reader = reader;
        this.sendingMail = sendingMail;
        this.retries = retries;
        this.deadLetters = deadLetters;
    }

    @RabbitListener(id = "send-mail", queues = SEND_QUEUE, concurrency = "${graphmail.worker.concurrency:4}")
    void onSendMail(Message message) {
        var command = reader.read(message);
        if (command.isEmpty()) {
            String reason = reader.problem(message);
            log.warn("Dead-lettering unreadable message {}: {}", message.getMessageProperties().getMessageId(), reason);
            deadLetters.deadLetter(message, reason);
            return;
        }
        Outcome outcome = sendingMail.send(command.get());
        if (outcome instanceof Outcome.RetryLater retry) {
            log.info("Command {} for account {} will be retried in {}",
                    command.get().commandId(), command.get().accountId(), retry.delay());
            retries.retryLater(message, retry.delay());
        } else if (outcome instanceof Outcome.DeadLetter deadLetter) {
            log.warn("Dead-lettering command {} for account {}: {}",
                    command.get().commandId(), command.get().accountId(), deadLetter.reason());
            deadLetters.deadLetter(message, deadLetter.reason());
        }
    }
}

package io.graphmail.gateway.mail;

import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.gateway.messaging.MailCommands;
import io.graphmail.logging.CorrelationId;
import io.graphmail.messaging.PublishFailed;
import java.time.Clock;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes recorded messages that are due and not yet on the broker. Publishing twice is
 * harmless: workers never send a command id twice.
 */
@Component
public class UnpublishedMailSweeper {

    private static final Logger log = LoggerFactory.getLogger(UnpublishedMailSweeper.class);

    private final MailRecords records;
    private final BatchSubmissions batches;
    private final MailCommands commands;
    private final JsonMapper jsonMapper;
    private final Clock clock;

    UnpublishedMailSweeper(
            MailRecords records, BatchSubmissions batches, MailCommands commands, JsonMapper jsonMapper, Clock clock) {
        this.records = records;
        this.batches = batches;
        this.commands = commands;
        this.jsonMapper = jsonMapper;
        this.clock = clock;
    }

    /**
     * Publishes what is due: scheduled sends whose time has come, and records left unpublished
     * (due a grace period after acceptance, so as not to race a request still in flight). One
     * gateway at a time sweeps. Each goes out with the correlation id of the request that submitted it. Records of
     * a batch still SUBMITTING are left to its submission: it publishes them, or it is withdrawn and they go.
     */
    @Scheduled(fixedDelayString = "${graphmail.gateway.sweeper.interval:1s}")
    @SchedulerLock(name = "unpublished-mail-sweeper", lockAtMostFor = "1m")
    public void sweep() {
        for (MailRecord record : records.duePublishes(clock.instant(), 500, batches.submitting())) {
            try (var scope = CorrelationId.open(record.correlationId())) {
                commands.publish(jsonMapper.readValue(record.outbox(), SendMailCommand.class));
                records.markPublished(UUID.fromString(record.id()));
                log.debug("Published message {} from the outbox", record.id());
            } catch (PublishFailed e) {
                log.warn("Broker still unavailable; {} left for the next sweep", record.id());
                return;
            }
        }
    }
}

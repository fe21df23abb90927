package io.graphmail.gateway.send;

import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.gateway.messaging.MailCommands;
import io.graphmail.messaging.PublishFailed;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes messages that were recorded but never confirmed by the broker because the gateway
 * stopped in between. Publishing twice is harmless: workers never send a command id twice.
 */
@Component
class UnpublishedMailSweeper {

    private static final Logger log = LoggerFactory.getLogger(UnpublishedMailSweeper.class);

    private final MailRecords records;
    private final MailCommands commands;
    private final JsonMapper jsonMapper;
    private final Clock clock;
    private final Duration grace;

    UnpublishedMailSweeper(
            MailRecords records,
            MailCommands commands,
            JsonMapper jsonMapper,
            Clock clock,
            @Value("${graphmail.gateway.sweeper.grace:30s}") Duration grace) {
        this.records = records;
        this.commands = commands;
        this.jsonMapper = jsonMapper;
        this.clock = clock;
        this.grace = grace;
    }

    /** Only records older than the grace period, so as not to race a request still in flight. */
    @Scheduled(fixedDelayString = "${graphmail.gateway.sweeper.interval:10s}")
    void sweep() {
        for (MailRecord record : records.pendingPublishBefore(clock.instant().minus(grace), 100)) {
            try {
                commands.publish(jsonMapper.readValue(record.outbox(), SendMailCommand.class));
                records.markPublished(UUID.fromString(record.id()));
                log.info("Published message {} left unpublished", record.id());
            } catch (PublishFailed e) {
                log.warn("Broker still unavailable; {} left for the next sweep", record.id());
                return;
            }
        }
    }
}

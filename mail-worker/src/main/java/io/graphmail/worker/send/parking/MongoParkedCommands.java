package io.graphmail.worker.send.parking;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.platform.logging.CorrelationId;
import io.graphmail.worker.messaging.Retries;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;

/** The {@code parked_commands} collection (workers only), with each command's message body as it arrived. */
@Component
class MongoParkedCommands implements ParkedCommands {

    private static final String PAUSED = new Hold.BatchPaused(null).reason();

    private final MongoTemplate mongo;
    private final Retries retries;
    private final Clock clock;

    MongoParkedCommands(MongoTemplate mongo, Retries retries, Clock clock) {
        this.mongo = mongo;
        this.retries = retries;
        this.clock = clock;
    }

    @Override
    public void park(SendMailCommand command, byte[] body, Hold hold) {
        mongo.save(new Parked(
                command.commandId().toString(),
                command.accountId(),
                command.batchId() == null ? null : command.batchId().toString(),
                hold.reason(),
                new String(body, StandardCharsets.UTF_8),
                clock.instant(),
                CorrelationId.current()));
    }

    /** A paused batch's commands stay: its resumption releases them, not the account's. */
    @Override
    public void release(String accountId) {
        release(mongo.find(query(where("accountId").is(accountId).and("reason").ne(PAUSED)), Parked.class));
    }

    @Override
    public void releaseBatch(String batchId) {
        release(mongo.find(query(where("batchId").is(batchId)), Parked.class));
    }

    @Override
    public void releaseCommand(UUID commandId) {
        release(mongo.find(query(where("_id").is(commandId.toString())), Parked.class));
    }

    private void release(List<Parked> commands) {
        for (Parked parked : commands) {
            Message message = MessageBuilder.withBody(parked.body().getBytes(StandardCharsets.UTF_8))
                    .setContentType("application/json")
                    .setMessageId(parked.commandId())
                    .build();
            try (var scope = CorrelationId.open(parked.correlationId())) {
                retries.retryLater(message, Duration.ZERO);
            }
            mongo.remove(query(where("_id").is(parked.commandId())), Parked.class);
        }
    }

    @Override
    public List<UUID> discard(String accountId) {
        List<Parked> all = parkedFor(accountId);
        mongo.remove(query(where("accountId").is(accountId)), Parked.class);
        return all.stream().map(parked -> UUID.fromString(parked.commandId())).toList();
    }

    private List<Parked> parkedFor(String accountId) {
        return mongo.find(query(where("accountId").is(accountId)), Parked.class);
    }

    /** @param correlationId of the request behind the command, which goes back on the queue with it */
    @Document("parked_commands")
    record Parked(
            @Id String commandId,
            String accountId,
            String batchId,
            String reason,
            String body,
            Instant parkedAt,
            String correlationId) {}
}

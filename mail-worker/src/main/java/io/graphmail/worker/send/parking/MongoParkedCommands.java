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
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The {@code parked_commands} collection (workers only), with each command's message body as it arrived. */
@Component
class MongoParkedCommands implements ParkedCommands {

    private static final String PAUSED = new Hold.BatchPaused(null).reason();
    private static final String PACED = Hold.Paced.REASON;
    /** A command claimed for release and still here after this (its worker stopped) is released again. */
    private static final Duration CLAIM_TIME = Duration.ofMinutes(1);
    /**
     * A grant brings one or two more of its lane near their turn; a lane whose numbering started again (after it was
     * idle) has every older ticket below the grant's, and those go back a few per grant, not all at once.
     */
    private static final int NEAR_AT_ONCE = 8;

    private static final int ALL = Integer.MAX_VALUE;

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
        var paced = hold instanceof Hold.Paced turn ? turn : null;
        mongo.save(new Parked(
                command.commandId().toString(),
                command.accountId(),
                command.batchId() == null ? null : command.batchId().toString(),
                hold.reason(),
                new String(body, StandardCharsets.UTF_8),
                clock.instant(),
                CorrelationId.current(),
                paced == null ? null : paced.lane(),
                paced == null ? null : paced.ticket(),
                paced == null ? null : paced.releaseAt(),
                null,
                command.isTransactional()));
    }

    @Override
    public void releaseNear(String accountId, String lane, long belowTicket) {
        releaseClaimed(
                unclaimed(where("accountId")
                                .is(accountId)
                                .and("lane")
                                .is(lane)
                                .and("ticket")
                                .lt(belowTicket))
                        .with(Sort.by("ticket")),
                NEAR_AT_ONCE,
                true);
    }

    /**
     * Also those whose claim ran out: the worker that claimed them stopped before it released them. A copy set aside
     * for its turn goes to the transactional queue, as one a grant brought near does.
     */
    @Override
    public void releaseDue() {
        eachClaimed(
                query(where("releaseAt").lte(clock.instant())),
                ALL,
                parked -> release(parked, PACED.equals(parked.reason())));
    }

    /**
     * A paused batch's commands stay: its resumption releases them, not the account's; so do those waiting for their
     * pacing turn, which the account's state does not bring nearer.
     */
    @Override
    public void release(String accountId) {
        releaseClaimed(unclaimed(where("accountId").is(accountId).and("reason").nin(PAUSED, PACED)), ALL, false);
    }

    @Override
    public void releaseBatch(String batchId) {
        releaseClaimed(unclaimed(where("batchId").is(batchId)), ALL, false);
    }

    @Override
    public void releaseCommand(UUID commandId) {
        releaseClaimed(unclaimed(where("_id").is(commandId.toString())), ALL, false);
    }

    private static Query unclaimed(Criteria which) {
        return query(which.and("releasing").ne(true));
    }

    /**
     * Removes the account's commands one by one, each claimed first as a release claims it; one whose {@code removing}
     * fails stays, claimed, and goes back on the queue once its claim runs out, to fail there as its account is gone.
     */
    @Override
    public void discard(String accountId, Consumer<UUID> removing) {
        eachClaimed(unclaimed(where("accountId").is(accountId)), ALL, parked -> {
            removing.accept(UUID.fromString(parked.commandId()));
            remove(parked);
        });
    }

    /** @param turnNear their pacing turn is near: they go to the transactional queue, not behind their batch */
    private void releaseClaimed(Query which, int atMost, boolean turnNear) {
        eachClaimed(which, atMost, parked -> release(parked, turnNear));
    }

    /**
     * Hands what {@code which} finds to {@code action} one by one, each claimed first so that no other worker releases
     * it too (every release, whatever ended its hold, may run on several workers at once); should its worker stop
     * before the copy is gone, the claim runs out after {@link #CLAIM_TIME} and {@link #releaseDue} finds it.
     */
    private void eachClaimed(Query which, int atMost, Consumer<Parked> action) {
        var claim = new Update()
                .set("releasing", true)
                .set("releaseAt", clock.instant().plus(CLAIM_TIME));
        Parked claimed;
        for (int handled = 0;
                handled < atMost && (claimed = mongo.findAndModify(which, claim, Parked.class)) != null;
                handled++) {
            action.accept(claimed);
        }
    }

    private void release(Parked parked, boolean turnNear) {
        Message message = MessageBuilder.withBody(parked.body().getBytes(StandardCharsets.UTF_8))
                .setContentType("application/json")
                .setMessageId(parked.commandId())
                .build();
        try (var scope = CorrelationId.open(parked.correlationId())) {
            retries.retryLater(message, Duration.ZERO, turnNear || parked.toTransactionalQueue());
        }
        remove(parked);
    }

    /** Only this copy: once on the queue it may have come back and been parked again meanwhile. */
    private void remove(Parked parked) {
        mongo.remove(query(where("_id").is(parked.commandId()).and("parkedAt").is(parked.parkedAt())), Parked.class);
    }

    /**
     * @param correlationId of the request behind the command, which goes back on the queue with it
     * @param lane ({@link Hold.Paced} only, like the next one) the lane of the account's pacing it waits in
     * @param ticket its ticket in that lane
     * @param releaseAt when it goes back on the queue at the latest: set aside for its turn, or claimed
     * @param releasing a worker has claimed it to put it back on the queue
     * @param transactional it goes back to the transactional send queue, not the bulk one ({@code null}, parked by an
     *     older worker: if it has no batch)
     */
    @Document("parked_commands")
    @CompoundIndex(def = "{'accountId': 1, 'lane': 1, 'ticket': 1}")
    record Parked(
            @Id String commandId,
            String accountId,
            @Indexed(sparse = true) String batchId,
            String reason,
            String body,
            Instant parkedAt,
            String correlationId,
            String lane,
            Long ticket,
            @Indexed(sparse = true) Instant releaseAt,
            Boolean releasing,
            Boolean transactional) {

        boolean toTransactionalQueue() {
            return transactional == null ? batchId == null : transactional;
        }
    }
}

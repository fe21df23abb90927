package io.graphmail.worker.send.parking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.graphmail.contract.send.MailBody;
import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.testsupport.MutableClock;
import io.graphmail.testsupport.TestBackends;
import io.graphmail.worker.messaging.Retries;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.amqp.core.Message;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Parked commands on a real MongoDB wire protocol: which copies each release selects, and that a copy goes back on
 * the queue once however many workers release it. Two workers here are two {@link MongoParkedCommands} on one
 * database; the broker is replaced by a record of what went back on the queue.
 */
class MongoParkedCommandsTests {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final String ACCOUNT = "sales";
    static final byte[] BODY = "{\"as\":\"received\"}".getBytes(StandardCharsets.UTF_8);

    static final MongoClient client = MongoClients.create(TestBackends.mongoUri());

    final MongoTemplate mongo = new MongoTemplate(client, "parked-commands-" + UUID.randomUUID());
    final MutableClock clock = new MutableClock(NOW);
    final Retries retries = mock(Retries.class);
    final List<UUID> published = new ArrayList<>();
    /** The commands that went back on the transactional send queue rather than their own. */
    final List<UUID> publishedTransactional = new ArrayList<>();
    /** Runs once, as the next command goes to the broker: another worker's release at that very moment, say. */
    Runnable whilePublishing = () -> {};

    final MongoParkedCommands oneWorker = new MongoParkedCommands(mongo, retries, clock);
    final MongoParkedCommands anotherWorker = new MongoParkedCommands(mongo, retries, clock);
    final UUID batchId = UUID.randomUUID();
    final String lane = "batch:" + batchId;

    MongoParkedCommandsTests() {
        doAnswer(call -> {
                    Message message = call.getArgument(0);
                    var commandId =
                            UUID.fromString(message.getMessageProperties().getMessageId());
                    published.add(commandId);
                    if (call.<Boolean>getArgument(2)) {
                        publishedTransactional.add(commandId);
                    }
                    Runnable now = whilePublishing;
                    whilePublishing = () -> {};
                    now.run();
                    return null;
                })
                .when(retries)
                .retryLater(any(), any(), anyBoolean());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    /** The copy a release is about: its command, batch and lane. */
    record Copy(UUID commandId, String batchId, String lane) {}

    /** What ends the hold of a copy, as a worker sees it; each may run on several workers at once. */
    record Release(String name, BiConsumer<ParkedCommands, Copy> on) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> releasesOfACopyAwaitingConsent() {
        return pairs(List.of(
                new Release("account activated", (parked, copy) -> parked.release(ACCOUNT)),
                new Release("batch resumed", (parked, copy) -> parked.releaseBatch(copy.batchId())),
                new Release("command released", (parked, copy) -> parked.releaseCommand(copy.commandId()))));
    }

    static Stream<Arguments> releasesOfACopySetAside() {
        return pairs(List.of(
                new Release("grant near it", (parked, copy) -> parked.releaseNear(ACCOUNT, copy.lane(), 100)),
                new Release("its latest time", (parked, copy) -> parked.releaseDue()),
                new Release("batch cancelled", (parked, copy) -> parked.releaseBatch(copy.batchId())),
                new Release("command released", (parked, copy) -> parked.releaseCommand(copy.commandId()))));
    }

    private static Stream<Arguments> pairs(List<Release> releases) {
        return releases.stream().flatMap(first -> releases.stream().map(second -> Arguments.of(first, second)));
    }

    @ParameterizedTest(name = "{0}, and meanwhile {1}")
    @MethodSource("releasesOfACopyAwaitingConsent")
    void twoWorkersReleasingACopyAwaitingConsentPutItOnTheQueueOnce(Release first, Release second) {
        var command = parked(new Hold.AwaitingConsent("PENDING_CONSENT"));

        releaseTwiceAtOnce(command, first, second);

        assertThat(published).containsExactly(command.commandId());
        assertThat(mongo.findAll(MongoParkedCommands.Parked.class)).isEmpty();
    }

    @ParameterizedTest(name = "{0}, and meanwhile {1}")
    @MethodSource("releasesOfACopySetAside")
    void twoWorkersReleasingACopySetAsideForItsTurnPutItOnTheQueueOnce(Release first, Release second) {
        var command = parked(new Hold.Paced(lane, 70, NOW));

        releaseTwiceAtOnce(command, first, second);

        assertThat(published).containsExactly(command.commandId());
        assertThat(mongo.findAll(MongoParkedCommands.Parked.class)).isEmpty();
    }

    @Test
    void aCopyWhoseReleaserStoppedBeforePuttingItOnTheQueueGoesBackOnceItsClaimRunsOut() {
        var command = parked(new Hold.AwaitingConsent("PENDING_CONSENT"));
        whilePublishing = () -> {
            throw new IllegalStateException("the worker stopped");
        };
        assertThatThrownBy(() -> oneWorker.release(ACCOUNT)).hasMessage("the worker stopped");
        published.clear();

        anotherWorker.release(ACCOUNT);
        anotherWorker.releaseDue();
        assertThat(published).as("claimed a moment ago").isEmpty();

        clock.advance(Duration.ofMinutes(1));
        anotherWorker.releaseDue();
        assertThat(published).containsExactly(command.commandId());
        assertThat(mongo.findAll(MongoParkedCommands.Parked.class)).isEmpty();
    }

    @Test
    void aGrantReleasesTheCopiesOfItsAccountAndLaneBelowItsTicketInTicketOrder() {
        var below = parked(new Hold.Paced(lane, 74, NOW.plusSeconds(60)));
        var lowest = parked(new Hold.Paced(lane, 71, NOW.plusSeconds(60)));
        parked(new Hold.Paced(lane, 75, NOW.plusSeconds(60)));
        parked(new Hold.Paced("transactional", 10, NOW.plusSeconds(60)));
        parked(new Hold.AwaitingConsent("PENDING_CONSENT"));
        var otherAccount = command("support", batchId);
        oneWorker.park(otherAccount, BODY, new Hold.Paced(lane, 10, NOW.plusSeconds(60)));

        oneWorker.releaseNear(ACCOUNT, lane, 75);

        assertThat(published)
                .as("the ticket equal to the bound is not below it")
                .containsExactly(lowest.commandId(), below.commandId());
        assertThat(parkedTickets()).containsExactlyInAnyOrder(75L, 10L, null, 10L);
    }

    @Test
    void aGrantReleasesAtMostEightOfItsLane() {
        for (long ticket = 20; ticket > 10; ticket--) {
            parked(new Hold.Paced(lane, ticket, NOW.plusSeconds(60)));
        }

        oneWorker.releaseNear(ACCOUNT, lane, 100);

        assertThat(published).hasSize(8);
        assertThat(parkedTickets()).containsExactlyInAnyOrder(19L, 20L);
    }

    @Test
    void theLatestTimeReleasesTheCopiesSetAsideWhoseTimeHasComeAndTheClaimsThatRanOut() {
        var past = parked(new Hold.Paced(lane, 70, NOW.minusSeconds(1)));
        var now = parked(new Hold.Paced(lane, 71, NOW));
        parked(new Hold.Paced(lane, 72, NOW.plusMillis(1)));
        parked(new Hold.AwaitingConsent("PENDING_CONSENT"));
        var claimedLongAgo = parked(new Hold.BatchPaused(batchId));
        claim(claimedLongAgo, NOW.minusSeconds(1));
        claim(parked(new Hold.BatchPaused(batchId)), NOW.plusSeconds(30));

        oneWorker.releaseDue();

        assertThat(published).containsExactlyInAnyOrder(past.commandId(), now.commandId(), claimedLongAgo.commandId());
        assertThat(mongo.findAll(MongoParkedCommands.Parked.class)).hasSize(3);
    }

    @Test
    void batchMessagesSetAsideGoBackOnTheTransactionalQueueWhenTheirTurnIsNearNotBehindTheirBatch() {
        var nearByGrant = parked(new Hold.Paced(lane, 70, NOW.plusSeconds(60)));
        var latestTimeCome = parked(new Hold.Paced(lane, 90, NOW));

        oneWorker.releaseNear(ACCOUNT, lane, 75);
        oneWorker.releaseDue();

        assertThat(published).containsExactly(nearByGrant.commandId(), latestTimeCome.commandId());
        assertThat(publishedTransactional).containsExactly(nearByGrant.commandId(), latestTimeCome.commandId());
    }

    @Test
    void batchMessagesReleasedForAnyOtherReasonGoBackOnTheirBatchsQueue() {
        var setAsideOfAResumedBatch = parked(new Hold.Paced(lane, 70, NOW.plusSeconds(60)));
        var awaitingConsent = parked(new Hold.AwaitingConsent("PENDING_CONSENT"));
        var pausedWhoseClaimRanOut = parked(new Hold.BatchPaused(batchId));
        claim(pausedWhoseClaimRanOut, NOW.minusSeconds(1));

        oneWorker.releaseDue();
        oneWorker.release(ACCOUNT);
        oneWorker.releaseBatch(batchId.toString());

        assertThat(published)
                .containsExactly(
                        pausedWhoseClaimRanOut.commandId(),
                        awaitingConsent.commandId(),
                        setAsideOfAResumedBatch.commandId());
        assertThat(publishedTransactional).isEmpty();
    }

    @Test
    void anAccountsActivationReleasesItsCopiesExceptThoseOfAPausedBatchOrSetAsideForTheirTurn() {
        var waiting = parked(new Hold.AwaitingConsent("PENDING_CONSENT"));
        var noCredentials = parked(new Hold.CredentialsMissing("secret alias 'sales' is not configured"));
        parked(new Hold.BatchPaused(batchId));
        parked(new Hold.Paced(lane, 70, NOW.plusSeconds(60)));
        oneWorker.park(command("support", null), BODY, new Hold.AwaitingConsent("PENDING_CONSENT"));

        oneWorker.release(ACCOUNT);

        assertThat(published).containsExactlyInAnyOrder(waiting.commandId(), noCredentials.commandId());
        assertThat(mongo.findAll(MongoParkedCommands.Parked.class))
                .extracting(MongoParkedCommands.Parked::reason)
                .containsExactlyInAnyOrder("BATCH_PAUSED", "PACED", "AWAITING_CONSENT: PENDING_CONSENT");
    }

    @Test
    void aBatchReleasesItsCopiesWhateverHeldThem() {
        var paused = parked(new Hold.BatchPaused(batchId));
        var setAside = parked(new Hold.Paced(lane, 70, NOW.plusSeconds(60)));
        var waiting = parked(new Hold.AwaitingConsent("PENDING_CONSENT"));
        var otherBatch = command(ACCOUNT, UUID.randomUUID());
        oneWorker.park(otherBatch, BODY, new Hold.BatchPaused(otherBatch.batchId()));

        oneWorker.releaseBatch(batchId.toString());

        assertThat(published).containsExactlyInAnyOrder(paused.commandId(), setAside.commandId(), waiting.commandId());
        assertThat(mongo.findAll(MongoParkedCommands.Parked.class))
                .extracting(MongoParkedCommands.Parked::commandId)
                .containsExactly(otherBatch.commandId().toString());
    }

    @Test
    void aCopyParkedAgainWhileItsEarlierCopyWentBackOnTheQueueStays() {
        var command = parked(new Hold.Paced(lane, 70, NOW));
        var again = new Hold.Paced(lane, 90, NOW.plusSeconds(60));
        whilePublishing = () -> {
            clock.advance(Duration.ofMillis(5));
            anotherWorker.park(command, BODY, again);
        };

        oneWorker.releaseDue();

        assertThat(published).containsExactly(command.commandId());
        assertThat(mongo.findAll(MongoParkedCommands.Parked.class))
                .singleElement()
                .satisfies(copy -> {
                    assertThat(copy.ticket()).isEqualTo(90L);
                    assertThat(copy.parkedAt()).isEqualTo(NOW.plusMillis(5));
                    assertThat(copy.releasing())
                            .as("not claimed: it waits again")
                            .isNull();
                });
    }

    @Test
    void aClaimMarksTheCopyAndGivesItAMinuteToGoBeforeOthersReleaseIt() {
        var command = parked(new Hold.Paced(lane, 70, NOW.plusSeconds(60)));
        whilePublishing = () -> {
            throw new IllegalStateException("the worker stopped");
        };

        assertThatThrownBy(() -> oneWorker.releaseNear(ACCOUNT, lane, 75)).hasMessage("the worker stopped");

        assertThat(mongo.findById(command.commandId().toString(), MongoParkedCommands.Parked.class))
                .satisfies(copy -> {
                    assertThat(copy.releasing()).isTrue();
                    assertThat(copy.releaseAt()).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
                });
        published.clear();
        anotherWorker.releaseNear(ACCOUNT, lane, 75);
        anotherWorker.releaseBatch(batchId.toString());
        anotherWorker.releaseCommand(command.commandId());
        assertThat(published).isEmpty();
    }

    private void claim(SendMailCommand command, Instant until) {
        mongo.updateFirst(
                query(where("_id").is(command.commandId().toString())),
                new Update().set("releasing", true).set("releaseAt", until),
                MongoParkedCommands.Parked.class);
    }

    private List<Long> parkedTickets() {
        return mongo.findAll(MongoParkedCommands.Parked.class).stream()
                .map(MongoParkedCommands.Parked::ticket)
                .toList();
    }

    private void releaseTwiceAtOnce(SendMailCommand command, Release first, Release second) {
        var copy = new Copy(command.commandId(), batchId.toString(), lane);
        whilePublishing = () -> second.on().accept(anotherWorker, copy);
        first.on().accept(oneWorker, copy);
    }

    private SendMailCommand parked(Hold hold) {
        var command = command(ACCOUNT, batchId);
        oneWorker.park(command, BODY, hold);
        return command;
    }

    static SendMailCommand command(String accountId, UUID batchId) {
        return new SendMailCommand(
                UUID.randomUUID(),
                accountId,
                List.of("ada@example.com"),
                null,
                null,
                "Hello",
                new MailBody(MailBody.ContentType.TEXT, "Hello"),
                null,
                null,
                NOW,
                batchId,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }
}

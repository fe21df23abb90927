package io.graphmail.worker.send.parking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.result.DeleteResult;
import io.graphmail.contract.send.MailBounced;
import io.graphmail.contract.send.MailFailed;
import io.graphmail.contract.send.MailSent;
import io.graphmail.testsupport.MutableClock;
import io.graphmail.testsupport.TestBackends;
import io.graphmail.worker.accounts.AccountForgotten;
import io.graphmail.worker.messaging.MailEvents;
import io.graphmail.worker.messaging.Retries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/** A removed account's parked commands fail, each one removed with its {@code MailFailed}, on a real MongoDB. */
class AccountRemovalTests {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final String ACCOUNT = "sales";

    static final MongoClient client = MongoClients.create(TestBackends.mongoUri());

    /** Runs once, right before the next removal from the collection. */
    Runnable beforeRemoving = () -> {};

    final MongoTemplate mongo = new MongoTemplate(client, "account-removal-" + UUID.randomUUID()) {
        @Override
        public DeleteResult remove(Query query, Class<?> entityClass) {
            Runnable now = beforeRemoving;
            beforeRemoving = () -> {};
            now.run();
            return super.remove(query, entityClass);
        }
    };
    final MutableClock clock = new MutableClock(NOW);
    final Retries retries = mock(Retries.class);
    final MongoParkedCommands parked = new MongoParkedCommands(mongo, retries, clock);
    final List<MailFailed> failed = new ArrayList<>();
    boolean reportFails;
    final ParkedCommandsRelease release = new ParkedCommandsRelease(parked, new FailuresOnly(), clock);

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void reportsEveryParkedCommandOfARemovedAccountAsFailed() {
        var waiting = park(ACCOUNT, new Hold.AwaitingConsent("PENDING_CONSENT"));
        var setAside = park(ACCOUNT, new Hold.Paced("transactional", 40, NOW.plusSeconds(60)));
        var another = park("support", new Hold.AwaitingConsent("PENDING_CONSENT"));

        release.onAccountForgotten(new AccountForgotten(ACCOUNT));

        assertThat(failed).extracting(MailFailed::commandId).containsExactlyInAnyOrder(waiting, setAside);
        assertThat(failed).allSatisfy(failure -> {
            assertThat(failure.reason()).isEqualTo("ACCOUNT_REMOVED");
            assertThat(failure.permanent()).isTrue();
        });
        assertThat(mongo.findAll(MongoParkedCommands.Parked.class))
                .extracting(MongoParkedCommands.Parked::commandId)
                .containsExactly(another.toString());
    }

    @Test
    void aCommandParkedWhileTheAccountsCommandsAreRemovedIsReportedAsFailedToo() {
        var first = park(ACCOUNT, new Hold.AwaitingConsent("PENDING_CONSENT"));
        var meanwhile = new ArrayList<UUID>();
        beforeRemoving = () -> meanwhile.add(park(ACCOUNT, new Hold.Paced("transactional", 41, NOW.plusSeconds(60))));

        release.onAccountForgotten(new AccountForgotten(ACCOUNT));

        assertThat(meanwhile).hasSize(1);
        assertThat(failed)
                .as("every command removed is reported")
                .extracting(MailFailed::commandId)
                .containsExactlyInAnyOrder(first, meanwhile.get(0));
        assertThat(mongo.findAll(MongoParkedCommands.Parked.class)).isEmpty();
    }

    @Test
    void aCommandWhoseFailureCouldNotBeReportedStaysAndGoesBackOnTheQueueOnceItsClaimRunsOut() {
        var command = park(ACCOUNT, new Hold.AwaitingConsent("PENDING_CONSENT"));
        reportFails = true;

        assertThatThrownBy(() -> release.onAccountForgotten(new AccountForgotten(ACCOUNT)))
                .hasMessage("the broker is away");
        assertThat(mongo.findAll(MongoParkedCommands.Parked.class)).hasSize(1);

        clock.advance(Duration.ofMinutes(1));
        parked.releaseDue();
        verify(retries)
                .retryLater(
                        argThat(message -> command.toString()
                                .equals(message.getMessageProperties().getMessageId())),
                        any(),
                        anyBoolean());
        assertThat(mongo.findAll(MongoParkedCommands.Parked.class))
                .as("to fail there, its account gone")
                .isEmpty();
    }

    private UUID park(String accountId, Hold hold) {
        var command = MongoParkedCommandsTests.command(accountId, null);
        parked.park(command, MongoParkedCommandsTests.BODY, hold);
        return command.commandId();
    }

    private final class FailuresOnly implements MailEvents {
        @Override
        public void sent(MailSent event) {
            throw new AssertionError("nothing is sent here");
        }

        @Override
        public void failed(MailFailed event) {
            if (reportFails) {
                throw new IllegalStateException("the broker is away");
            }
            failed.add(event);
        }

        @Override
        public void bounced(MailBounced event) {
            throw new AssertionError("nothing bounces here");
        }
    }
}

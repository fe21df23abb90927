package io.graphmail.gateway.mail;

import static io.graphmail.gateway.mail.OutboxFixture.GRACE;
import static io.graphmail.gateway.mail.OutboxFixture.LEASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.platform.messaging.PublishFailed;
import io.graphmail.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A request whose publish stalls past the grace period races the outbox sweeper, and exactly one of them owns the
 * message; the same races over the records in memory ({@link OutboxTests}) and over the MongoDB wire protocol
 * ({@link OutboxClaimsIntegrationTests}).
 */
abstract class OutboxRaceScenarios {

    final FakeBroker broker = new FakeBroker();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final MutableClock clock;
    /** Over the subclass's records. */
    Outbox outbox;

    OutboxRaceScenarios(MutableClock clock) {
        this.clock = clock;
    }

    /** Every record stored, however the subclass keeps them. */
    abstract List<MailRecord> allRecords();

    SendMailCommand command(UUID batchId) {
        return OutboxFixture.command(clock, batchId);
    }

    @Test
    void aPublishStalledPastTheGraceThatFailsAfterTheSweeperPublishedItLeavesTheMessageAcceptedAndSentOnce() {
        var command = command(null);
        broker.stallNextPublish(() -> {
            clock.advance(GRACE.plusSeconds(30));
            outbox.sweep();
        });

        var record = outbox.accept(command, null, "client-a");

        assertThat(record.status()).isEqualTo(MailStatus.ACCEPTED);
        assertThat(broker.published()).containsExactly(command);
        assertThat(find(command.commandId()).orElseThrow().pendingPublish()).isFalse();
        assertThat(publishFailures()).isEqualTo(1);
        clock.advance(LEASE);
        outbox.sweep();
        assertThat(broker.published()).containsExactly(command);
    }

    @Test
    void aStalledPublishThatFailsBeforeAnySweeperClaimedItIsWithdrawn() {
        var command = command(null);
        broker.stallNextPublish(() -> {
            clock.advance(GRACE.minusSeconds(1));
            outbox.sweep();
        });

        assertThatThrownBy(() -> outbox.accept(command, null, "client-a")).isInstanceOf(PublishFailed.class);

        assertThat(find(command.commandId())).isEmpty();
        assertThat(allRecords()).isEmpty();
        clock.advance(GRACE);
        outbox.sweep();
        assertThat(broker.published()).isEmpty();
    }

    private Optional<MailRecord> find(UUID commandId) {
        return allRecords().stream()
                .filter(record -> record.id().equals(commandId.toString()))
                .findFirst();
    }

    double publishFailures() {
        var counter = meters.find("graphmail.mail.publish.failed").counter();
        return counter == null ? 0 : counter.count();
    }
}

package io.graphmail.platform.messaging;

import static io.graphmail.contract.MailTopology.DEFER_EXCHANGE;
import static io.graphmail.contract.MailTopology.DEFER_TIER_HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;

class DeferralsTests {

    record Published(String exchange, String routingKey, Message message) {}

    final List<Published> published = new ArrayList<>();

    final Deferrals deferrals = new Deferrals(
            new ConfirmedPublisher(
                    null,
                    null,
                    ObservationRegistry.NOOP,
                    CurrentTrace.none(),
                    Duration.ofSeconds(1),
                    new SimpleMeterRegistry()) {
                @Override
                public void publish(String exchange, String routingKey, Message message) {
                    published.add(new Published(exchange, routingKey, message));
                }
            });

    @Test
    void aDeferredCopyGoesBackToItsQueueThroughTheTierItsCountCallsFor() {
        Message received = MessageBuilder.withBody("{}".getBytes())
                .setHeader("x-delivery-count", 3L)
                .setHeader("x-correlation-id", "request-1")
                .build();

        Duration delay = deferrals.defer(received, "graphmail.mailbox.sync");

        assertThat(delay).isEqualTo(Duration.ofSeconds(1));
        var copy = published.get(0);
        assertThat(copy.exchange()).isEqualTo(DEFER_EXCHANGE);
        assertThat(copy.routingKey()).isEqualTo("graphmail.mailbox.sync");
        var headers = copy.message().getMessageProperties().getHeaders();
        assertThat(headers)
                .containsEntry(DEFER_TIER_HEADER, "1s")
                .containsEntry(Deferrals.DEFERRALS_HEADER, 1L)
                .containsEntry("x-correlation-id", "request-1")
                .doesNotContainKey("x-delivery-count");
    }

    @Test
    void deferralsBackOffFromOneSecondToFiveAndThenThirty() {
        assertThat(Deferrals.tier(1)).isEqualTo(RetryTier.ONE_SECOND);
        assertThat(Deferrals.tier(10)).isEqualTo(RetryTier.ONE_SECOND);
        assertThat(Deferrals.tier(11)).isEqualTo(RetryTier.FIVE_SECONDS);
        assertThat(Deferrals.tier(19)).isEqualTo(RetryTier.FIVE_SECONDS);
        assertThat(Deferrals.tier(20)).isEqualTo(RetryTier.THIRTY_SECONDS);
        assertThat(Deferrals.tier(1_000)).isEqualTo(RetryTier.THIRTY_SECONDS);
    }

    @Test
    void theCountTravelsWithTheMessage() {
        Message deferredTenTimes = MessageBuilder.withBody("{}".getBytes())
                .setHeader(Deferrals.DEFERRALS_HEADER, 10L)
                .build();

        Duration delay = deferrals.defer(deferredTenTimes, "graphmail.worker.batch-events");

        assertThat(delay).isEqualTo(Duration.ofSeconds(5));
        assertThat(published.get(0).message().getMessageProperties().getHeaders())
                .containsEntry(Deferrals.DEFERRALS_HEADER, 11L)
                .containsEntry(DEFER_TIER_HEADER, "5s");
    }
}

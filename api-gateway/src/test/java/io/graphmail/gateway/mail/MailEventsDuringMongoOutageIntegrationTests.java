package io.graphmail.gateway.mail;

import static io.graphmail.contract.MailTopology.EVENTS_EXCHANGE;
import static io.graphmail.contract.MailTopology.SENT_ROUTING_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphmail.contract.send.MailSent;
import io.graphmail.gateway.GatewayOverHttp;
import io.graphmail.platform.messaging.ConfirmedPublisher;
import io.graphmail.testsupport.RestartableMongo;
import io.graphmail.testsupport.TestBackends;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * A worker's result that reaches the gateway while the gateway's MongoDB is away is not lost: it waits on the broker
 * and is recorded once MongoDB is back. The database here is killed and started again on the same port with its
 * data, as a restarted MongoDB would be.
 */
@GatewayOverHttp
@TestPropertySource(properties = {"graphmail.sync.schedule-enabled=false"})
@DirtiesContext
class MailEventsDuringMongoOutageIntegrationTests {

    static final RestartableMongo MONGO = new RestartableMongo();

    @Autowired
    MongoTemplate mongo;

    @Autowired
    ConfirmedPublisher publisher;

    @Autowired
    MeterRegistry meterRegistry;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        // Listeners of gateways that earlier tests left running must not take the event from this one.
        registry.add(
                "spring.rabbitmq.addresses",
                () -> TestBackends.isolatedRabbitUri().toString());
        registry.add("spring.mongodb.uri", () -> MONGO.uri("outage-events", ""));
    }

    @AfterAll
    static void stopMongo() {
        MONGO.close();
    }

    @Test
    void resultArrivingWhileMongoIsAwayIsRecordedOnceItIsBack() {
        String id = UUID.randomUUID().toString();
        mongo.insert(new MailRecord(
                id,
                "account-1",
                MailStatus.ACCEPTED,
                0,
                null,
                Instant.now(),
                null,
                false,
                Instant.now(),
                null,
                "{}",
                null,
                null));

        MONGO.kill();
        var sent = new MailSent(UUID.randomUUID(), UUID.fromString(id), "account-1", 1, Instant.now());
        publisher.publish(EVENTS_EXCHANGE, SENT_ROUTING_KEY, sent, sent.eventId());
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        meterRegistry.counter("graphmail.mail.events.deferred").count() >= 2);

        MONGO.restart();

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(mongo.findById(id, MailRecord.class))
                        .extracting(MailRecord::status)
                        .isEqualTo(MailStatus.SENT));
    }
}

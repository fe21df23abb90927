package io.graphmail.gateway.messaging;

import static io.graphmail.contract.MailTopology.GATEWAY_EVENTS_QUEUE;
import static io.graphmail.contract.MailTopology.SEND_QUEUE;
import static io.graphmail.contract.MailTopology.TRANSACTIONAL_SEND_QUEUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphmail.gateway.FullStackTests;
import io.graphmail.testsupport.TestAccounts;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;

class QueueDepthMetricsIntegrationTests extends FullStackTests {

    @Autowired
    QueueDepthMetrics queueDepths;

    @Autowired
    MeterRegistry meterRegistry;

    @Autowired
    RabbitListenerEndpointRegistry listeners;

    @Test
    void reportsMessagesWaitingAndConsumersOfTheMainQueues() {
        String accountId = "depth-" + UUID.randomUUID().toString().substring(0, 8);
        api.post("/api/v1/accounts", TestAccounts.applicationAccountJson(accountId, accountId + "@graphmail.local"));
        queueDepths.refresh();
        assertThat(meterRegistry.get("graphmail.queue.messages").gauges()).hasSize(QueueDepthMetrics.QUEUES.size());
        assertThat(consumers(SEND_QUEUE)).as("the worker's").isPositive();
        assertThat(consumers(TRANSACTIONAL_SEND_QUEUE)).as("the worker's").isPositive();
        assertThat(consumers(GATEWAY_EVENTS_QUEUE)).as("the gateway's").isPositive();

        var results = listeners.getListenerContainer("mail-results");
        results.stop();
        String id;
        try {
            id = api.post("/api/v1/mail", """
                    {"accountId":"%s","to":["ada@example.com"],"subject":"Counted in the queue","body":{"contentType":"text","content":"x"}}""".formatted(accountId)).text("id");
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                queueDepths.refresh();
                return messages(GATEWAY_EVENTS_QUEUE) >= 1;
            });
            assertThat(consumers(GATEWAY_EVENTS_QUEUE)).isZero();
        } finally {
            results.start();
        }

        awaitStatus("/api/v1/mail/" + id, "SENT");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            queueDepths.refresh();
            return consumers(GATEWAY_EVENTS_QUEUE) > 0;
        });
    }

    private double messages(String queue) {
        return meterRegistry
                .get("graphmail.queue.messages")
                .tag("queue", queue)
                .gauge()
                .value();
    }

    private double consumers(String queue) {
        return meterRegistry
                .get("graphmail.queue.consumers")
                .tag("queue", queue)
                .gauge()
                .value();
    }
}

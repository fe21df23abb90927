package io.graphmail.gateway.send;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.ReplaceOptions;
import io.graphmail.gateway.Api;
import io.graphmail.gateway.GatewayOverHttp;
import io.graphmail.testsupport.TestAccounts;
import io.graphmail.testsupport.TestBackends;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** With RabbitMQ unreachable, a send is refused with 503 and nothing claims to be accepted. */
@GatewayOverHttp
@TestPropertySource(
        properties = {"graphmail.security.api-keys=outage-key", "spring.rabbitmq.listener.simple.auto-startup=false"})
class BrokerOutageIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        TestBackends.register(registry);
        // Nothing listens on port 1: every connection attempt is refused at once.
        registry.add("spring.rabbitmq.addresses", () -> "amqp://guest:guest@127.0.0.1:1");
    }

    @Test
    void answers503AndKeepsNoRecordWhenTheBrokerIsUnreachable() {
        mongo.getCollection("accounts")
                .replaceOne(
                        new Document("_id", "outage-account"),
                        TestAccounts.applicationAccount("outage-account", "outage@graphmail.local"),
                        new ReplaceOptions().upsert(true));
        long before = mongo.getCollection("mail").countDocuments();

        var response = new Api(port, "outage-key").post("/api/v1/mail", """
                {"accountId":"outage-account","to":["ada@example.com"],"subject":"Hi",
                 "body":{"contentType":"text","content":"x"}}""");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.header("Retry-After")).isEqualTo("5");
        assertThat(mongo.getCollection("mail").countDocuments()).isEqualTo(before);
    }
}

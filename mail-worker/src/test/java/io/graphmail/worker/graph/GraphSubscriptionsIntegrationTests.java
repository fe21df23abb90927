package io.graphmail.worker.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.graphmail.testsupport.RunningSimulator;
import io.graphmail.testsupport.TestAccounts;
import io.graphmail.worker.MailWorkerApplication;
import io.graphmail.worker.accounts.AccountDirectory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Graph's subscription calls against the simulator, which pages the list of subscriptions two at a time here. */
@SpringBootTest(
        classes = MailWorkerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "spring.config.name=mail-worker")
class GraphSubscriptionsIntegrationTests {

    static final RunningSimulator simulator = RunningSimulator.start("--graphmail.simulator.subscriptions.page-size=2");

    /** Answers Graph's validation handshake, as the gateway's notification endpoint does. */
    static HttpServer receiver;

    @Autowired
    GraphSubscriptions subscriptions;

    @Autowired
    MailboxReader reader;

    @Autowired
    AccountDirectory accounts;

    @Autowired
    MongoTemplate mongo;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        TestAccounts.registerWorker(registry, simulator);
    }

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/notifications/graph", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            byte[] token = query == null
                    ? new byte[0]
                    : URLDecoder.decode(query.substring(query.indexOf('=') + 1), StandardCharsets.UTF_8)
                            .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(query == null ? 202 : 200, token.length == 0 ? -1 : token.length);
            exchange.getResponseBody().write(token);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop(0);
        simulator.close();
    }

    @Test
    void listsTheFoldersSubscriptionsFromEveryPage() {
        String accountId = "subscriptions-" + UUID.randomUUID();
        mongo.getCollection("accounts")
                .insertOne(TestAccounts.applicationAccount(accountId, accountId + "@graphmail.local"));
        var account = accounts.find(accountId).orElseThrow();
        URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/notifications/graph");
        String inbox = reader.folder(account, "inbox").id();
        String sentItems = reader.folder(account, "sentitems").id();
        Instant expiry = Instant.now().plus(Duration.ofHours(1));
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(subscriptions
                    .create(account, inbox, url, "state-" + i, expiry)
                    .id());
        }
        subscriptions.create(account, sentItems, url, "state-sent", expiry);

        var listed = subscriptions.list(account, inbox, url);

        assertThat(listed).extracting(GraphSubscriptions.Listed::id).containsExactlyInAnyOrderElementsOf(created);
        assertThat(simulator.requestCounts("/v1.0/subscriptions").get("GET /v1.0/subscriptions"))
                .as("three pages of two")
                .isEqualTo(3);
    }
}

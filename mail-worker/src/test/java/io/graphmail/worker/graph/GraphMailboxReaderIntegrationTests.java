package io.graphmail.worker.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graphmail.testsupport.RunningSimulator;
import io.graphmail.testsupport.TestAccounts;
import io.graphmail.worker.MailWorkerApplication;
import io.graphmail.worker.accounts.AccountDirectory;
import io.graphmail.worker.accounts.AccountSettings;
import io.graphmail.worker.graph.MailboxReader.ChangedMessage;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Delta pages read raw through the SDK's request adapter, against the simulator over HTTP: the same messages as the
 * SDK's own delta request reads, and Graph's refusals still arrive as the SDK reports them.
 */
@SpringBootTest(
        classes = MailWorkerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "spring.config.name=mail-worker")
class GraphMailboxReaderIntegrationTests {

    static final RunningSimulator simulator = RunningSimulator.start();
    static final String DELTA_PATHS = "/v1.0/users/*/mailFolders/*/messages/**";

    @Autowired
    MailboxReader reader;

    @Autowired
    GraphCalls calls;

    @Autowired
    AccountDirectory accounts;

    @Autowired
    MongoTemplate mongo;

    AccountSettings account;
    String inbox;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        TestAccounts.registerWorker(registry, simulator);
    }

    @BeforeEach
    void registerAccount() {
        String accountId = "reader-" + UUID.randomUUID();
        String mailbox = accountId + "@graphmail.local";
        mongo.getCollection("accounts").insertOne(TestAccounts.applicationAccount(accountId, mailbox));
        account = accounts.find(accountId).orElseThrow();
        simulator.generateMessages(mailbox, "inbox", 30, Map.of("attachments", 1));
        simulator.generateMessages(mailbox, "inbox", 30, Map.of());
        inbox = reader.folder(account, "inbox").id();
    }

    @AfterEach
    void clearFaults() {
        simulator.clearFaults();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void readsThePageTheSdksDeltaRequestReads() {
        var raw = reader.firstDeltaPage(account, inbox, null, 100);
        var sdk = SdkDeltaPages.of(calls.mailbox(account)
                .mailFolders()
                .byMailFolderId(inbox)
                .messages()
                .delta()
                .get(config -> {
                    config.queryParameters.select = GraphMailboxReader.SELECTED;
                    GraphMailboxReader.prefer(config.headers, 100);
                }));

        assertThat(raw.changed()).hasSize(60).extracting(ChangedMessage::id).doesNotContainNull();
        assertThat(raw.changed()).filteredOn(ChangedMessage::hasAttachments).hasSize(30);
        assertThat(raw.changed()).isEqualTo(sdk.changed());
        assertThat(raw.nextLink()).isNull();
        assertThat(sdk.nextLink()).isNull();
        // The simulator's tokens carry when they were issued, so only what they point to is the same.
        assertThat(raw.deltaLink()).contains("$deltatoken=");
        assertThat(raw.deltaLink().substring(0, raw.deltaLink().indexOf("$deltatoken=")))
                .isEqualTo(sdk.deltaLink().substring(0, sdk.deltaLink().indexOf("$deltatoken=")));
    }

    @Test
    void aThrottledPageIsAskedForAgainAfterGraphsRetryAfter() {
        simulator.fault(Map.of("pathPattern", DELTA_PATHS, "status", 429, "retryAfterSeconds", 1, "count", 1));

        var page = reader.firstDeltaPage(account, inbox, null, 100);

        assertThat(page.changed()).hasSize(60);
    }

    @Test
    void graphsErrorCodeAndStatusComeThroughAsTheCallsFailure() {
        simulator.fault(
                Map.of("pathPattern", DELTA_PATHS, "status", 410, "errorCode", "syncStateNotFound", "count", 1));

        assertThatThrownBy(() -> reader.firstDeltaPage(account, inbox, null, 100))
                .isInstanceOfSatisfying(GraphCallFailed.class, failure -> {
                    assertThat(failure.status()).isEqualTo(410);
                    assertThat(failure.code()).isEqualTo("syncStateNotFound");
                    assertThat(failure.requestId()).isNotBlank();
                });
    }
}

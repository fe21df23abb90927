package io.graphmail.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphmail.testsupport.TestAccounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;

/**
 * Full-stack tests that each start on an empty simulator with an application account of their own, registered
 * through the API, so that what one test sends never shows in another's mailbox.
 */
public abstract class OwnAccountTests extends FullStackTests {

    protected final String accountId;
    protected final String mailbox;

    /** @param prefix names the test's accounts, so that logs and records show which class made them */
    protected OwnAccountTests(String prefix) {
        accountId = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        mailbox = accountId + "@graphmail.local";
    }

    @BeforeEach
    void registerOwnAccount() {
        simulator.reset();
        assertThat(api.post("/api/v1/accounts", TestAccounts.applicationAccountJson(accountId, mailbox))
                        .status())
                .isEqualTo(201);
    }

    /** Waits until the account's mailbox holds {@code count} messages, each with a subject of its own, and no more. */
    protected void assertEachSentOnce(int count) {
        await().atMost(Duration.ofSeconds(120))
                .until(() -> simulator.sent(mailbox).size() >= count);
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> simulator.sent(mailbox).size() == count);
        assertThat(simulator.sent(mailbox).stream()
                        .map(message -> message.get("subject").asString())
                        .collect(Collectors.toSet()))
                .hasSize(count);
    }

    /** The states of the account's batches, as stored. */
    protected List<String> batchStates() {
        return mongo.getCollection("batches")
                .find(new Document("accountId", accountId))
                .map(batch -> batch.getString("state"))
                .into(new ArrayList<>());
    }
}

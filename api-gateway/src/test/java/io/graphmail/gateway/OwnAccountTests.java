package io.graphmail.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.testsupport.TestAccounts;
import java.util.UUID;
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
}

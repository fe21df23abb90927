package io.graphmail.gateway.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;

import io.graphmail.gateway.Api;
import io.graphmail.gateway.FullStackTests;
import io.graphmail.testsupport.TestAccounts;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Accounts end to end: the real msal4j in the worker against the simulator's identity endpoints. */
class AccountsIntegrationTests extends FullStackTests {

    final String accountId = "personal-" + UUID.randomUUID().toString().substring(0, 8);
    final String mailbox = accountId + "@outlook.example";

    @Test
    void deviceCodeFlowActivatesTheAccountAndItsMailIsSent() {
        registerDelegated();
        assertThat(api.get("/api/v1/accounts/" + accountId).text("status")).isEqualTo("PENDING_CONSENT");

        consent();

        var account = api.get("/api/v1/accounts/" + accountId);
        assertThat(account.text("mailbox")).isEqualTo(mailbox);
        String mailId = send("After consent");
        awaitStatus("/api/v1/mail/" + mailId, "SENT");
        assertThat(simulator.sent(mailbox))
                .singleElement()
                .satisfies(
                        message -> assertThat(message.get("subject").asString()).isEqualTo("After consent"));
    }

    @Test
    void mailForAnAccountAwaitingConsentWaitsAndGoesOnceConsented() {
        registerDelegated();
        String mailId = send("Sent early");

        var waiting = awaitStatus("/api/v1/mail/" + mailId, "SENDING");
        assertThat(waiting.text("lastError")).isEqualTo("AWAITING_CONSENT: PENDING_CONSENT");
        assertThat(waiting.json().get("attempts").asInt()).isZero();
        consent();

        awaitStatus("/api/v1/mail/" + mailId, "SENT");
        assertThat(simulator.sent(mailbox)).hasSize(1);
    }

    @Test
    void revokedConsentParksMailUntilTheOwnerConsentsAgain() {
        registerDelegated();
        consent();
        awaitStatus("/api/v1/mail/" + send("Before revoke"), "SENT");

        simulator.revokeRefreshTokens(mailbox);
        String parked = send("While revoked");

        awaitStatus("/api/v1/accounts/" + accountId, "REAUTH_REQUIRED");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var mail = api.get("/api/v1/mail/" + parked);
            return "SENDING".equals(mail.text("status"))
                    && String.valueOf(mail.text("lastError")).startsWith("AWAITING_CONSENT");
        });
        consent();
        awaitStatus("/api/v1/mail/" + parked, "SENT");
        assertThat(simulator.sent(mailbox)).hasSize(2);
    }

    @Test
    void refusesASecretAliasTheOperatorDidNotConfigure() {
        var response = api.post(
                "/api/v1/accounts", """
                {"id":"%s","type":"application","mailbox":"%s","tenant":"%s","clientId":"%s","clientSecretRef":"nobody"}""".formatted(accountId, mailbox, TestAccounts.TENANT, TestAccounts.CLIENT_ID));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("clientSecretRef");
        assertThat(api.get("/api/v1/accounts/" + accountId).status()).isEqualTo(404);
    }

    @Test
    void anAccountWhoseSecretCannotBeReadHasItsMailParkedWithTheCause() {
        String json = TestAccounts.applicationAccountJson(accountId, mailbox)
                .replace(
                        "\"clientSecretRef\":\"" + TestAccounts.SECRET_ALIAS + "\"",
                        "\"clientSecretRef\":\"" + TestAccounts.UNREADABLE_SECRET_ALIAS + "\"");
        assertThat(api.post("/api/v1/accounts", json).status()).isEqualTo(201);

        String mailId = send("Without credentials");

        var account = awaitStatus("/api/v1/accounts/" + accountId, "CREDENTIALS_UNAVAILABLE");
        assertThat(account.text("statusReason"))
                .isEqualTo("the environment variable of secret alias 'unreadable' is not set");
        var mail = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> api.get("/api/v1/mail/" + mailId),
                        response -> String.valueOf(response.text("lastError")).startsWith("CREDENTIALS_UNAVAILABLE"));
        assertThat(mail.text("status")).isEqualTo("SENDING");
        assertThat(mail.json().get("attempts").asInt()).isZero();
        assertThat(simulator.sent(mailbox)).isEmpty();
    }

    @Test
    void aTokenWithoutMailReadWriteParksMailUntilTheOwnerConsentsToIt() {
        // Users may consent to Mail.Send only for this app: its delegated tokens then cannot create drafts.
        simulator.registerApp(
                null,
                TestAccounts.CLIENT_ID,
                TestAccounts.CLIENT_SECRET,
                List.of("Mail.Send", "Mail.ReadWrite"),
                List.of("Mail.Send"));
        registerDelegated();
        consent();
        String parked = send("Needs a draft");

        var account = awaitStatus("/api/v1/accounts/" + accountId, "REAUTH_REQUIRED");
        assertThat(account.text("statusReason")).isEqualTo("MISSING_PERMISSION");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var mail = api.get("/api/v1/mail/" + parked);
            return "SENDING".equals(mail.text("status"))
                    && "AWAITING_CONSENT: MISSING_PERMISSION".equals(mail.text("lastError"));
        });
        assertThat(simulator.sent(mailbox)).isEmpty();

        simulator.grantGraphmailApp();
        consent();

        awaitStatus("/api/v1/mail/" + parked, "SENT");
        assertThat(simulator.sent(mailbox)).hasSize(1);
    }

    @Test
    void removesAnAccount() {
        assertThat(api.post("/api/v1/accounts", TestAccounts.applicationAccountJson(accountId, mailbox))
                        .status())
                .isEqualTo(201);

        assertThat(api.delete("/api/v1/accounts/" + accountId).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/accounts/" + accountId).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/accounts/" + accountId).status()).isEqualTo(404);
    }

    @Test
    void refusesADuplicateId() {
        api.post("/api/v1/accounts", TestAccounts.applicationAccountJson(accountId, mailbox));

        var again = api.post("/api/v1/accounts", TestAccounts.applicationAccountJson(accountId, mailbox));

        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void pagesThroughAccountsWithACursor() {
        String prefix = "page-" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 3; i++) {
            api.post("/api/v1/accounts", TestAccounts.applicationAccountJson(prefix + "-" + i, i + "@x.example"));
        }

        var first = api.get("/api/v1/accounts?limit=2&after=" + prefix);
        var second = api.get("/api/v1/accounts?limit=2&after=" + first.text("nextCursor"));

        assertThat(first.json().get("items").size()).isEqualTo(2);
        assertThat(first.json().get("items").get(0).get("id").asString()).isEqualTo(prefix + "-0");
        assertThat(second.json().get("items").get(0).get("id").asString()).isEqualTo(prefix + "-2");
    }

    @Test
    void countsAccountsByStatusForPrometheus() {
        registerDelegated();

        var metrics = new Api(managementPort, null).get("/actuator/prometheus");

        assertThat(metrics.body()).containsPattern("graphmail_accounts\\{[^}]*status=\"PENDING_CONSENT\"[^}]*} [1-9]");
    }

    private void registerDelegated() {
        var response = api.post("/api/v1/accounts", """
                {"id":"%s","type":"delegated","tenant":"consumers","clientId":"%s"}""".formatted(accountId, TestAccounts.CLIENT_ID));
        assertThat(response.status()).isEqualTo(201);
    }

    private void consent() {
        var consent = api.post("/api/v1/accounts/" + accountId + "/consent", "");
        assertThat(consent.status()).isEqualTo(200);
        assertThat(consent.text("verificationUri")).isNotBlank();
        simulator.approveConsent(consent.text("userCode"), mailbox);
        // The status and its reason, so that a timeout says where the account stood.
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            var account = api.get("/api/v1/accounts/" + accountId);
                            return account.text("status") + " " + account.text("statusReason");
                        },
                        startsWith("ACTIVE "));
    }

    private String send(String subject) {
        var response = api.post("/api/v1/mail", """
                {"accountId":"%s","to":["ada@example.com"],"subject":"%s","body":{"contentType":"text","content":"Hi"}}""".formatted(accountId, subject));
        assertThat(response.status()).isEqualTo(202);
        return response.text("id");
    }
}

package io.graphmail.worker.accounts.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import io.graphmail.testsupport.RunningSimulator;
import io.graphmail.testsupport.TestAccounts;
import io.graphmail.testsupport.TestBackends;
import io.graphmail.worker.MailWorkerApplication;
import io.graphmail.worker.accounts.AccountNeedsConsent;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.types.Binary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** Real msal4j against the simulator's identity endpoints, with the token cache in MongoDB. */
@SpringBootTest(
        classes = MailWorkerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "spring.config.name=mail-worker")
class AccountTokensIntegrationTests {

    @RegisterExtension
    static final RunningSimulator simulator = RunningSimulator.start();

    @Autowired
    ConsentFlows consentFlows;

    @Autowired
    TokenSource tokens;

    @Autowired
    TokenCaches caches;

    @Autowired
    TokenCacheProperties keys;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MeterRegistry meterRegistry;

    final String accountId = "delegated-" + UUID.randomUUID().toString().substring(0, 8);
    final String mailbox = accountId + "@outlook.example";

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        TestAccounts.registerWorker(registry, simulator);
    }

    @BeforeEach
    void consent() {
        mongo.getCollection("accounts").insertOne(TestAccounts.delegatedAccount(accountId));
        var started = consentFlows.start(accountId);
        assertThat(started.error()).isNull();
        assertThat(consentFlows.start(accountId).userCode())
                .as("a second request gets the running flow's code")
                .isEqualTo(started.userCode());
        simulator.approveConsent(started.userCode(), mailbox);
        await().atMost(Duration.ofSeconds(20)).until(() -> !tokens.needsConsent(accountId));
    }

    @Test
    void keepsNoTokenInClearAndBindsTheCacheToItsAccount() {
        String accessToken = tokens.accessToken(accountId);
        String cache = caches.load(accountId).orElseThrow().cache();
        String refreshToken = JsonMapper.builder()
                .build()
                .readTree(cache)
                .get("RefreshToken")
                .values()
                .iterator()
                .next()
                .get("secret")
                .asString();
        var raw = mongo.getCollection("token_caches")
                .find(Filters.eq("_id", accountId))
                .first();

        assertThat(refreshToken).isNotBlank();
        assertThat(raw.toJson()).doesNotContain(accessToken).doesNotContain(refreshToken);
        byte[] ciphertext = raw.get("ciphertext", Binary.class).getData();
        assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1))
                .doesNotContain(accessToken)
                .doesNotContain(refreshToken);
        var sealed = new TokenCipher.Sealed(
                raw.getString("keyId"), raw.get("nonce", Binary.class).getData(), ciphertext);
        assertThatThrownBy(() -> new TokenCipher(keys.encryptionKeys()).decrypt("another-account", sealed))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void twoWorkersShareOneAccountAcrossARotatedRefreshToken() {
        var arguments = new ArrayList<>(List.of(TestBackends.arguments()));
        arguments.addAll(List.of(TestAccounts.workerArguments(simulator)));
        arguments.addAll(List.of("--server.port=0", "--management.server.port=0", "--spring.jmx.enabled=false"));
        try (var secondWorker = MailWorkerApplication.builder().run(arguments.toArray(String[]::new))) {
            TokenSource other = secondWorker.getBean(TokenSource.class);
            String first = tokens.accessToken(accountId);
            assertThat(other.accessToken(accountId)).isNotBlank();
            int refreshesBefore = simulator.tokenRequests().getOrDefault("refresh_token", 0);
            double acquiredBefore = tokenRequests("acquired");

            simulator.expireAccessTokens();
            tokens.invalidate(accountId);
            String refreshedHere = tokens.accessToken(accountId);
            other.invalidate(accountId);
            String refreshedThere = other.accessToken(accountId);

            assertThat(refreshedHere).isNotEqualTo(first);
            assertThat(refreshedThere).isNotBlank();
            assertThat(other.needsConsent(accountId)).isFalse();
            assertThat(simulator.tokenRequests().get("refresh_token")).isEqualTo(refreshesBefore + 2);
            assertThat(tokenRequests("acquired")).as("this worker's refresh").isEqualTo(acquiredBefore + 1);
        }
    }

    @Test
    void revokedRefreshTokenMeansTheOwnerMustConsentAgain() {
        tokens.accessToken(accountId);
        double refusedBefore = tokenRequests("reauth_required");
        double failedBefore = tokenRequests("failed");

        simulator.revokeRefreshTokens(mailbox);
        tokens.invalidate(accountId);

        assertThatThrownBy(() -> tokens.accessToken(accountId)).isInstanceOf(AccountNeedsConsent.class);
        assertThat(caches.find(accountId).orElseThrow().state()).isEqualTo(TokenCaches.REAUTH_REQUIRED);
        assertThat(tokens.needsConsent(accountId)).isTrue();
        assertThat(tokenRequests("reauth_required")).isEqualTo(refusedBefore + 1);
        assertThat(tokenRequests("failed")).isEqualTo(failedBefore);
    }

    private double tokenRequests(String result) {
        return meterRegistry
                .get("graphmail.token.requests")
                .tags("flow", "delegated", "result", result)
                .counter()
                .count();
    }
}

package io.graphmail.gateway.security.apikeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphmail.gateway.Api;
import io.graphmail.gateway.GatewayAloneTests;
import java.time.Duration;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Keys issued and revoked through the admin API: shown once, stored as digests, refused soon after revocation. */
class ApiKeysIntegrationTests extends GatewayAloneTests {

    @Test
    void anIssuedKeyWorksWithItsScopesOnlyAndIsShownOnce() {
        var issued = api.post("/api/v1/keys", """
                {"client":"carol","scopes":["mail:read"],"description":"reporting"}""");
        assertThat(issued.status()).isEqualTo(201);
        String key = issued.text("key");
        assertThat(key).startsWith("gmk_").hasSizeGreaterThan(40);

        var carol = new Api(port, key);
        assertThat(carol.get("/api/v1/mail/00000000-0000-0000-0000-000000000000")
                        .status())
                .isEqualTo(404);
        assertThat(carol.post("/api/v1/mail", "{}").status()).isEqualTo(403);

        var listed = api.get("/api/v1/keys?limit=200");
        assertThat(listed.body()).doesNotContain(key).contains(issued.text("id"));
        Document stored = mongo.getCollection("api_keys")
                .find(new Document("_id", issued.text("id")))
                .first();
        assertThat(stored.toJson()).doesNotContain(key);
        assertThat(stored.getString("digest")).isEqualTo(sha256(key.getBytes()));
        assertThat(stored.get("lastUsedAt")).as("use is recorded").isNotNull();
    }

    @Test
    void aRevokedKeyIsRefused() {
        var issued = api.post("/api/v1/keys", """
                {"client":"dave","scopes":["mail:read"]}""");
        var dave = new Api(port, issued.text("key"));
        assertThat(dave.get("/api/v1/mail/00000000-0000-0000-0000-000000000000").status())
                .isEqualTo(404);

        assertThat(api.delete("/api/v1/keys/" + issued.text("id")).status()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(5))
                .until(() -> dave.get("/api/v1/mail/00000000-0000-0000-0000-000000000000")
                                .status()
                        == 401);
        assertThat(api.delete("/api/v1/keys/" + issued.text("id")).status())
                .as("revoked already")
                .isEqualTo(404);
    }

    @Test
    void anUnknownScopeIsRefusedNamingTheField() {
        var refused = api.post("/api/v1/keys", """
                {"client":"erin","scopes":["mail:send","mail:everything"]}""");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("scopes").contains("mail:everything");
        assertThat(count("api_keys"))
                .isEqualTo(mongo.getCollection("api_keys")
                        .countDocuments(new Document("client", new Document("$ne", "erin"))));
    }

    @Test
    void aKeyMayNotBeIssuedWithoutTheAdminScope() {
        var issued = api.post("/api/v1/keys", """
                {"client":"frank","scopes":["mail:send","accounts:read"]}""");
        var frank = new Api(port, issued.text("key"));

        var refused = frank.post("/api/v1/keys", """
                {"client":"frank","scopes":["admin"]}""");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("scope")).isEqualTo("admin");
    }
}

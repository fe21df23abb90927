package io.graphmail.simulator.identity.protectedapis;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.simulator.SimulatorTests;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Client credentials for a registered web API: v2.0 access tokens signed with the key the key set publishes. */
class ApiAccessTokensTests extends SimulatorTests {

    private static final String TENANT = "5b3a2c1d-0e9f-4a8b-b7c6-d5e4f3a2b1c0";
    private static final String API_CLIENT_ID = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
    private static final String CALLER = "caller-app";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

    @BeforeEach
    void registerApiAndCaller() {
        assertThat(http.post("/_sim/identity/apps", "{\"clientId\": \"" + CALLER + "\", \"clientSecret\": \"s3cret\"}")
                        .status())
                .isEqualTo(201);
        assertThat(http.post(
                                "/_sim/identity/apis",
                                "{\"applicationIdUri\": \"api://graphmail\", \"clientId\": \"" + API_CLIENT_ID
                                        + "\", \"appRoleAssignments\": {\"" + CALLER
                                        + "\": [\"Graphmail.Read\", \"Graphmail.Send\"]}}")
                        .status())
                .isEqualTo(201);
    }

    @Test
    void signsAV2AccessTokenWithTheGrantedRolesForTheApi() throws Exception {
        String token = clientCredentials(TENANT, CALLER, "api://graphmail/.default");

        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        JsonNode header = JSON.readTree(BASE64URL.decode(parts[0]));
        JsonNode keys = http.get("/" + TENANT + "/discovery/v2.0/keys").json().path("keys");
        assertThat(header.path("alg").asString()).isEqualTo("RS256");
        assertThat(header.path("kid").asString())
                .isEqualTo(keys.path(0).path("kid").asString());
        assertThat(verifies(parts, publicKey(keys.path(0)))).isTrue();

        JsonNode claims = JSON.readTree(BASE64URL.decode(parts[1]));
        assertThat(claims.path("aud").asString()).isEqualTo(API_CLIENT_ID);
        assertThat(claims.path("iss").asString()).isEqualTo(http.base() + "/" + TENANT + "/v2.0");
        assertThat(claims.path("azp").asString()).isEqualTo(CALLER);
        assertThat(claims.path("tid").asString()).isEqualTo(TENANT);
        assertThat(claims.path("ver").asString()).isEqualTo("2.0");
        assertThat(claims.path("roles").valueStream().map(JsonNode::asString))
                .containsExactly("Graphmail.Read", "Graphmail.Send");
        long issuedAt = claims.path("iat").asLong();
        assertThat(claims.path("nbf").asLong()).isEqualTo(issuedAt);
        assertThat(claims.path("exp").asLong()).isEqualTo(issuedAt + 3600);
    }

    @Test
    void theApiMayBeNamedByItsClientIdAndACallerWithoutRolesGetsNone() throws Exception {
        String token = clientCredentials(TENANT, "another-app", API_CLIENT_ID + "/.default");

        JsonNode claims = JSON.readTree(BASE64URL.decode(token.split("\\.")[1]));
        assertThat(claims.path("aud").asString()).isEqualTo(API_CLIENT_ID);
        assertThat(claims.has("roles")).isFalse();
    }

    @Test
    void graphTokensStayOpaqueAndAWrongSecretIsStillRefused() {
        String graph = clientCredentials(TENANT, CALLER, "https://graph.microsoft.com/.default");
        assertThat(graph.split("\\.")).hasSizeLessThan(3);

        var refused = identity.clientCredentials(TENANT, CALLER, "wrong", "api://graphmail/.default");
        assertThat(refused.oauthError()).isEqualTo("invalid_client");
    }

    @Test
    void signsArbitraryClaimsWithThePublishedKey() throws Exception {
        var signed = http.post("/_sim/identity/signed-tokens", "{\"aud\": \"x\", \"exp\": 1}");

        String[] parts = signed.json().path("token").asString().split("\\.");
        JsonNode key =
                http.get("/common/discovery/v2.0/keys").json().path("keys").path(0);
        assertThat(verifies(parts, publicKey(key))).isTrue();
        assertThat(JSON.readTree(BASE64URL.decode(parts[1])).path("exp").asLong())
                .isEqualTo(1);
    }

    private String clientCredentials(String tenant, String clientId, String scope) {
        var response =
                identity.clientCredentials(tenant, clientId, clientId.equals(CALLER) ? "s3cret" : "sim-secret", scope);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json().path("access_token").asString();
    }

    private static PublicKey publicKey(JsonNode jwk) throws Exception {
        assertThat(jwk.path("kty").asString()).isEqualTo("RSA");
        var modulus = new BigInteger(1, BASE64URL.decode(jwk.path("n").asString()));
        var exponent = new BigInteger(1, BASE64URL.decode(jwk.path("e").asString()));
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
    }

    private static boolean verifies(String[] parts, PublicKey key) throws Exception {
        var signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(key);
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return signature.verify(BASE64URL.decode(parts[2]));
    }
}

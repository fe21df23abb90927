package io.graphmail.gateway.security.filterchain;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.SignedJWT;
import io.graphmail.gateway.Api;
import io.graphmail.gateway.GatewayAloneTests;
import io.graphmail.testsupport.RunningSimulator;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * JWT access tokens as a second way in, against the simulator's identity endpoints: the gateway trusts the simulator's
 * tenant as issuer, discovers its key set over HTTPS (trusting the simulator's self-signed certificate) and maps the
 * {@code roles} the simulator granted to graphmail scopes. Every refused token differs from an accepted one in one
 * respect only.
 */
@TestPropertySource(
        properties = {
            "graphmail.security.oidc.audiences=" + OidcAccessTokensIntegrationTests.API_CLIENT_ID,
            "graphmail.security.oidc.scopes-claim=roles",
            "graphmail.security.oidc.scope-mapping.[Graphmail.Read]=mail:read",
            "graphmail.security.oidc.scope-mapping.[Graphmail.Send]=mail:send",
            "graphmail.security.clients.reader.keys=key-mail-read",
            "graphmail.security.clients.reader.scopes=mail:read"
        })
class OidcAccessTokensIntegrationTests extends GatewayAloneTests {

    static final String TENANT = "3c6f0a9e-2b1d-4e8f-9a7c-5d4e3f2a1b0c";
    static final String API_CLIENT_ID = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    private static final String READER = "reader-app";
    private static final String STRANGER = "stranger-app";
    private static final String WRITER = "writer-app";
    private static final String SECRET = "sim-secret";
    private static final String MAIL = """
            {"accountId": "%s", "to": ["bea@example.com"], "subject": "Hi", "body": {"contentType": "Text", "content": "x"}}
            """;

    private static RunningSimulator simulator;

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) throws IOException {
        simulator = RunningSimulator.start();
        Path certificate = Files.createTempFile("graph-simulator", ".pem");
        Files.writeString(certificate, simulator.certificatePem());
        certificate.toFile().deleteOnExit();
        registry.add("graphmail.security.oidc.issuer-uri", () -> issuer(TENANT));
        registry.add("graphmail.security.oidc.trusted-certificate", certificate::toString);
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @BeforeEach
    void registerApiAndClients() {
        simulator.reset();
        simulator.registerApi(
                "api://graphmail",
                API_CLIENT_ID,
                Map.of(
                        READER,
                        List.of("Graphmail.Read"),
                        STRANGER,
                        List.of("Other.Thing"),
                        WRITER,
                        List.of("Graphmail.Send", "Graphmail.Read")));
        simulator.registerApi("api://other", UUID.randomUUID().toString(), Map.of(READER, List.of("Graphmail.Read")));
    }

    @Test
    void aTokenWhoseRolesMapToMailReadReadsMail() {
        var answer = asToken(graphmailToken(READER)).get("/api/v1/mail/" + UUID.randomUUID());

        assertThat(answer.status()).as(answer.body()).isEqualTo(404);
    }

    @Test
    void aTokenWhoseRolesMapToNothingIsRefusedNamingTheScope() {
        var answer = asToken(graphmailToken(STRANGER)).post("/api/v1/mail", MAIL.formatted(accountId));

        assertThat(answer.status()).as(answer.body()).isEqualTo(403);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.text("type")).isEqualTo("https://graphmail.io/problems/missing-scope");
        assertThat(answer.text("scope")).isEqualTo("mail:send");
    }

    @Test
    void whatATokenClientCreatesIsItsOwnAndNoOtherClientsOne() {
        var writer = asToken(graphmailToken(WRITER));
        var created = writer.postBody(
                "/api/v1/attachments?name=figures.pdf",
                HttpRequest.BodyPublishers.ofByteArray("%PDF-1.4 figures".getBytes(StandardCharsets.US_ASCII)),
                "Content-Type",
                "application/pdf");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String upload = "/api/v1/attachments/" + created.text("id");

        assertThat(writer.get(upload).status()).isEqualTo(200);
        assertThat(asToken(graphmailToken(READER)).get(upload).status()).isEqualTo(404);
        assertThat(new Api(port, "key-mail-read").get(upload).status()).isEqualTo(404);
        assertThat(api.get(upload).status())
                .as("an admin key sees every client's objects")
                .isEqualTo(200);
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefused() throws Exception {
        var genuine = SignedJWT.parse(graphmailToken(READER));
        var otherKey = KeyPairGenerator.getInstance("RSA");
        otherKey.initialize(2048);
        var forged = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .type(JOSEObjectType.JWT)
                        .keyID(genuine.getHeader().getKeyID())
                        .build(),
                genuine.getJWTClaimsSet());
        forged.sign(new RSASSASigner(otherKey.generateKeyPair().getPrivate()));

        assertUnauthorized(forged.serialize(), "signature");
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        var claims = claimsOf(graphmailToken(READER));
        var longAgo = Instant.now().minusSeconds(7200);
        claims.put("iat", longAgo.getEpochSecond());
        claims.put("nbf", longAgo.getEpochSecond());
        claims.put("exp", longAgo.plusSeconds(3600).getEpochSecond());

        assertUnauthorized(simulator.signedToken(claims), "expired");
    }

    @Test
    void aTokenForAnotherApiIsRefused() {
        String otherApi = simulator.clientCredentialsToken(TENANT, READER, SECRET, "api://other/.default");

        assertUnauthorized(otherApi, "aud");
    }

    @Test
    void aTokenFromAnotherTenantIsRefused() {
        String otherTenant =
                simulator.clientCredentialsToken("fabrikam.example", READER, SECRET, "api://graphmail/.default");

        assertUnauthorized(otherTenant, "iss");
    }

    @Test
    void aTokenFromAnotherIssuerSignedWithTheSameKeyIsRefused() throws Exception {
        var claims = claimsOf(graphmailToken(READER));
        claims.put("iss", "https://login.example.org/" + TENANT + "/v2.0");

        assertUnauthorized(simulator.signedToken(claims), "iss");
    }

    @Test
    void apiKeysStillWorkAlongsideTokens() {
        assertThat(api.get("/api/v1/mail/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(new Api(port, "not-a-key")
                        .get("/api/v1/mail/" + UUID.randomUUID())
                        .status())
                .isEqualTo(401);
    }

    private void assertUnauthorized(String token, String reason) {
        var answer = asToken(token).get("/api/v1/mail/" + UUID.randomUUID());

        assertThat(answer.status()).as(answer.body()).isEqualTo(401);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(answer.text("detail"))
                .startsWith("The access token is not valid")
                .contains(reason);
        assertThat(answer.body()).doesNotContain(token);
    }

    private Api asToken(String token) {
        return new Api(port, token);
    }

    private static String graphmailToken(String clientId) {
        return simulator.clientCredentialsToken(TENANT, clientId, SECRET, "api://graphmail/.default");
    }

    private static Map<String, Object> claimsOf(String token) throws Exception {
        var claims = new LinkedHashMap<String, Object>(
                SignedJWT.parse(token).getJWTClaimsSet().toJSONObject());
        claims.replaceAll(
                (name, value) -> value instanceof Date date ? date.toInstant().getEpochSecond() : value);
        return claims;
    }

    private static String issuer(String tenant) {
        return simulator.identityAuthority(tenant) + "v2.0";
    }
}

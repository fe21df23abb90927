package io.graphmail.simulator.identity.apps;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.MsalServiceException;
import io.graphmail.simulator.MsalClients;
import io.graphmail.simulator.SimulatorTests;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** Application tokens through msal4j's confidential client: any mailbox of the tenant, never {@code /me}. */
class ClientCredentialsTests extends SimulatorTests {

    static final String TENANT = "5b3a2c1d-0e9f-4a8b-b7c6-d5e4f3a2b1c0";
    static final String CLIENT_ID = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b";
    static final Set<String> GRAPH_DEFAULT = Set.of("https://graph.microsoft.com/.default");
    static final String MAIL = """
            {"message": {"subject": "Invoice", "body": {"contentType": "Text", "content": "Attached."},
                         "toRecipients": [{"emailAddress": {"address": "bea@example.com"}}]}}
            """;

    @Test
    void appTokenSendsMailForAnyMailboxButNotForMe() throws Exception {
        grantPermissions("Mail.Send", "Mail.Read");
        String token = acquire("sim-secret").accessToken();

        assertThat(http.post("/v1.0/users/ada@example.com/sendMail", MAIL, token)
                        .status())
                .isEqualTo(202);
        assertThat(http.get("/_sim/mailboxes/ada@example.com/sent").json().path("value"))
                .hasSize(1);
        var me = http.get("/v1.0/me/messages", token);
        assertThat(me.status()).isEqualTo(400);
        assertThat(me.errorCode()).isEqualTo("BadRequest");
        assertThat(http.get("/_sim/identity/stats")
                        .json()
                        .path("client_credentials")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void anExpiredAppTokenIsReplacedWhenTheCacheIsSkipped() throws Exception {
        grantPermissions("Mail.Read");
        var msal = confidentialClient(CLIENT_ID, "sim-secret", TENANT);
        String first = msal.acquireToken(
                        ClientCredentialParameters.builder(GRAPH_DEFAULT).build())
                .get(10, SECONDS)
                .accessToken();

        http.post("/_sim/identity/expire-access-tokens", "");

        assertThat(http.get("/v1.0/users/ada@example.com/messages", first).status())
                .isEqualTo(401);
        String second = msal.acquireToken(ClientCredentialParameters.builder(GRAPH_DEFAULT)
                        .skipCache(true)
                        .build())
                .get(10, SECONDS)
                .accessToken();
        assertThat(second).isNotEqualTo(first);
        assertThat(http.get("/v1.0/users/ada@example.com/messages", second).status())
                .isEqualTo(200);
        assertThat(http.get("/_sim/identity/stats")
                        .json()
                        .path("client_credentials")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void refusesAWrongSecret() {
        var failure = catchThrowable(() -> acquire("not-the-secret"));

        assertThat(failure).isInstanceOf(ExecutionException.class).cause().isInstanceOf(MsalServiceException.class);
        var error = (MsalServiceException) failure.getCause();
        assertThat(error.errorCode()).isEqualTo("invalid_client");
        assertThat(error.statusCode()).isEqualTo(401);
    }

    @Test
    void aRegisteredAppAcceptsOnlyItsOwnSecret() throws Exception {
        var registered = http.post(
                "/_sim/identity/apps",
                "{\"tenant\": \"" + TENANT + "\", \"clientId\": \"" + CLIENT_ID + "\", \"clientSecret\": \"s3cret\"}");
        assertThat(registered.status()).isEqualTo(201);

        assertThat(catchThrowable(() -> acquire("sim-secret"))).cause().isInstanceOf(MsalServiceException.class);
        assertThat(acquire("s3cret").accessToken()).isNotBlank();
        var elsewhere = identity.clientCredentials(
                "contoso.onmicrosoft.com", CLIENT_ID, "s3cret", "https://graph.microsoft.com/.default");
        assertThat(elsewhere.oauthError()).isEqualTo("unauthorized_client");
    }

    @Test
    void aCertificateAppAcceptsOnlyAssertionsSignedWithTheKeyOfItsCertificate() throws Exception {
        var registeredKey = RsaCredential.generate();
        var otherKey = RsaCredential.generate();
        var registered = http.post(
                "/_sim/identity/apps",
                "{\"tenant\": \"" + TENANT + "\", \"clientId\": \"" + CLIENT_ID + "\", \"certificate\": \""
                        + registeredKey.certificatePem().replace("\n", "\\n") + "\"}");
        assertThat(registered.status()).isEqualTo(201);

        assertThat(acquire(registeredKey.credential()).accessToken()).isNotBlank();
        var forged = catchThrowable(() -> acquire(otherKey.credential()));
        assertThat(forged).cause().isInstanceOf(MsalServiceException.class);
        assertThat(((MsalServiceException) forged.getCause()).errorCode()).isEqualTo("invalid_client");
        assertThat(catchThrowable(() -> acquire("sim-secret")))
                .as("an app with a certificate has no secret")
                .cause()
                .isInstanceOf(MsalServiceException.class);
    }

    @Test
    void acceptsTheSecretAsBasicAuthentication() {
        String basic = "Basic "
                + Base64.getEncoder().encodeToString((CLIENT_ID + ":sim-secret").getBytes(StandardCharsets.UTF_8));

        var response = http.postForm(
                "/" + TENANT + "/oauth2/v2.0/token",
                Map.of("grant_type", "client_credentials", "scope", "https://graph.microsoft.com/.default"),
                basic);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().has("refresh_token")).isFalse();
        assertThat(response.json().has("id_token")).isFalse();
    }

    @Test
    void refusesScopesOtherThanDefault() {
        var response =
                identity.clientCredentials(TENANT, CLIENT_ID, "sim-secret", "https://graph.microsoft.com/Mail.Send");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.oauthError()).isEqualTo("invalid_scope");
    }

    private IAuthenticationResult acquire(IClientCredential credential) throws Exception {
        var msal = ConfidentialClientApplication.builder(CLIENT_ID, credential)
                .authority(MsalClients.authority(httpsPort.port(), TENANT))
                .instanceDiscovery(false)
                .validateAuthority(false)
                .sslSocketFactory(MsalClients.trusting(certificate.pem()))
                .build();
        return msal.acquireToken(
                        ClientCredentialParameters.builder(GRAPH_DEFAULT).build())
                .get(10, SECONDS);
    }

    /** Registers the app with the default secret and the application permissions an admin granted it. */
    private void grantPermissions(String... permissions) {
        var registered = http.post(
                "/_sim/identity/apps",
                "{\"clientId\": \"" + CLIENT_ID
                        + "\", \"clientSecret\": \"sim-secret\", \"applicationPermissions\": [\""
                        + String.join("\", \"", permissions) + "\"]}");
        assertThat(registered.status()).isEqualTo(201);
    }

    private IAuthenticationResult acquire(String secret) throws Exception {
        var msal = confidentialClient(CLIENT_ID, secret, TENANT);
        return msal.acquireToken(
                        ClientCredentialParameters.builder(GRAPH_DEFAULT).build())
                .get(10, SECONDS);
    }

    /** An RSA key and a self-signed certificate for it, as an app registration's certificate credential. */
    record RsaCredential(IClientCredential credential, String certificatePem) {

        static RsaCredential generate() throws Exception {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var keys = generator.generateKeyPair();
            var name = new X500Name("CN=graphmail-app");
            var now = Instant.now();
            var holder = new JcaX509v3CertificateBuilder(
                            name,
                            BigInteger.ONE,
                            Date.from(now.minusSeconds(3600)),
                            Date.from(now.plusSeconds(86_400)),
                            name,
                            keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()));
            var certificate = new JcaX509CertificateConverter().getCertificate(holder);
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            return new RsaCredential(
                    ClientCredentialFactory.createFromCertificate(keys.getPrivate(), certificate), pem);
        }
    }
}

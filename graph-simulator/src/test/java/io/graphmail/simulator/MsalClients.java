package io.graphmail.simulator;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.DeviceCodeFlowParameters;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.PublicClientApplication;
import io.graphmail.simulator.https.CertificateTrust;
import java.net.MalformedURLException;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import tools.jackson.databind.json.JsonMapper;

/** msal4j clients configured as the mail worker configures them, trusting the simulator's certificate. */
public final class MsalClients {

    private MsalClients() {}

    /** An authority on the simulator's HTTPS connector: {@code https://localhost:<port>/<tenant>/}. */
    public static String authority(int httpsPort, String tenant) {
        return "https://localhost:" + httpsPort + "/" + tenant + "/";
    }

    public static PublicClientApplication publicClient(String clientId, String authority, String certificatePem)
            throws MalformedURLException {
        return PublicClientApplication.builder(clientId)
                .authority(authority)
                .instanceDiscovery(false)
                .validateAuthority(false)
                .sslSocketFactory(trusting(certificatePem))
                .build();
    }

    public static ConfidentialClientApplication confidentialClient(
            String clientId, String secret, String authority, String certificatePem) throws MalformedURLException {
        return ConfidentialClientApplication.builder(clientId, ClientCredentialFactory.createFromSecret(secret))
                .authority(authority)
                .instanceDiscovery(false)
                .validateAuthority(false)
                .sslSocketFactory(trusting(certificatePem))
                .build();
    }

    /**
     * Signs in with the device code flow; the user consents as {@code mailbox} as soon as the user code is shown.
     */
    public static IAuthenticationResult signIn(
            PublicClientApplication msal, Set<String> scopes, SimulatorHttp http, String mailbox) throws Exception {
        var parameters = DeviceCodeFlowParameters.builder(scopes, deviceCode -> {
                    var consent =
                            http.post("/_sim/consent/" + deviceCode.userCode(), "{\"mailbox\": \"" + mailbox + "\"}");
                    if (consent.status() != 200) {
                        throw new IllegalStateException("Consent failed: " + consent.text());
                    }
                })
                .build();
        return msal.acquireToken(parameters).get(30, TimeUnit.SECONDS);
    }

    /** The refresh token msal4j keeps in its cache (the only one, for a cache with one account). */
    public static String cachedRefreshToken(PublicClientApplication msal) {
        var cache = JsonMapper.builder().build().readTree(msal.tokenCache().serialize());
        return cache.path("RefreshToken").values().stream()
                .map(entry -> entry.path("secret").asString())
                .reduce((first, second) -> {
                    throw new IllegalStateException("More than one refresh token cached");
                })
                .orElseThrow();
    }

    /** An SSL socket factory that trusts exactly the given PEM certificate. */
    public static SSLSocketFactory trusting(String certificatePem) {
        return sslContext(certificatePem).getSocketFactory();
    }

    public static SSLContext sslContext(String certificatePem) {
        return CertificateTrust.sslContext(certificatePem);
    }
}

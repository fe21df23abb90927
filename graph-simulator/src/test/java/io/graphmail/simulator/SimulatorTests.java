package io.graphmail.simulator;

import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.PublicClientApplication;
import io.graphmail.simulator.https.HttpsPort;
import io.graphmail.simulator.https.SimulatorCertificate;
import java.net.MalformedURLException;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The simulator on free ports in the test's own context, read from its own configuration file, with {@link #http}
 * pointed at it and all its state forgotten before each test. A subclass adds properties with
 * {@code @TestPropertySource}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=graph-simulator")
public abstract class SimulatorTests {

    @LocalServerPort
    protected int port;

    @Autowired
    protected HttpsPort httpsPort;

    @Autowired
    protected SimulatorCertificate certificate;

    protected SimulatorHttp http;

    protected SimulatorIdentity identity;

    @BeforeEach
    void connectAndReset() {
        http = new SimulatorHttp(port);
        identity = new SimulatorIdentity(http);
        http.reset();
    }

    /** msal4j's public client, as the mail worker configures it, at the tenant's authority on the HTTPS port. */
    protected PublicClientApplication publicClient(String clientId, String tenant) throws MalformedURLException {
        return MsalClients.publicClient(clientId, authority(tenant), certificate.pem());
    }

    /** msal4j's confidential client, as the mail worker configures it, at the tenant's authority. */
    protected ConfidentialClientApplication confidentialClient(String clientId, String secret, String tenant)
            throws MalformedURLException {
        return MsalClients.confidentialClient(clientId, secret, authority(tenant), certificate.pem());
    }

    /** Signs in through the device code flow, consenting as {@code mailbox} as soon as the user code shows. */
    protected IAuthenticationResult signIn(PublicClientApplication msal, Set<String> scopes, String mailbox)
            throws Exception {
        return MsalClients.signIn(msal, scopes, http, mailbox);
    }

    private String authority(String tenant) {
        return MsalClients.authority(httpsPort.port(), tenant);
    }
}

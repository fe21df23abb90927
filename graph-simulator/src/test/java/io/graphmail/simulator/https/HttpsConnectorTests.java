package io.graphmail.simulator.https;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.graphmail.simulator.MsalClients;
import io.graphmail.simulator.SimulatorHttp;
import io.graphmail.simulator.SimulatorTests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateParsingException;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The whole application answers on a second, HTTPS connector with a certificate made at startup. */
class HttpsConnectorTests extends SimulatorTests {

    @Test
    void servesTheApplicationOverHttpsToClientsTrustingTheCertificate() throws Exception {
        assertThat(httpsPort.port()).isPositive().isNotEqualTo(port);

        for (String host : List.of("localhost", "127.0.0.1")) {
            var response = trustingClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            "https://" + host + ":" + httpsPort.port() + "/v1.0/me/messages"))
                                    .header("Authorization", "Bearer " + SimulatorHttp.TOKEN)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(host).isEqualTo(200);
        }
    }

    @Test
    void clientsThatDoNotTrustTheCertificateAreTurnedAway() {
        var request = HttpRequest.newBuilder(URI.create(httpsPort.baseUrl() + "/actuator/health"))
                .build();

        assertThatExceptionOfType(SSLHandshakeException.class)
                .isThrownBy(() -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void certificateNamesLocalhostAndTheLoopbackAddress() throws CertificateParsingException {
        Collection<List<?>> names = certificate.certificate().getSubjectAlternativeNames();

        assertThat(names).contains(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
    }

    @Test
    void publishesTheCertificateAsPem() {
        var response = http.get("/_sim/certificate", null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(response.text()).isEqualTo(certificate.pem()).startsWith("-----BEGIN CERTIFICATE-----\n");
    }

    @Test
    void servesOpenIdDiscoveryForClientsThatAskForIt() throws Exception {
        var response = trustingClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        httpsPort.baseUrl() + "/organizations/v2.0/.well-known/openid-configuration"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        var configuration = JsonMapper.builder().build().readTree(response.body());
        assertThat(configuration.path("token_endpoint").asString())
                .isEqualTo(httpsPort.baseUrl() + "/organizations/oauth2/v2.0/token");
        assertThat(configuration.path("device_authorization_endpoint").asString())
                .isEqualTo(httpsPort.baseUrl() + "/organizations/oauth2/v2.0/devicecode");
        assertThat(configuration.path("issuer").asString()).isEqualTo(httpsPort.baseUrl() + "/{tenantid}/v2.0");
    }

    private HttpClient trustingClient() {
        return HttpClient.newBuilder()
                .sslContext(MsalClients.sslContext(certificate.pem()))
                .build();
    }
}

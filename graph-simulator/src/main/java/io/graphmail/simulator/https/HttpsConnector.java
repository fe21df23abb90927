package io.graphmail.simulator.https;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Adds a second Tomcat connector that serves the same application over HTTPS with the {@link SimulatorCertificate}.
 * It runs after Boot's own customizers, so it binds to {@code server.address} like the main connector.
 */
@Component
class HttpsConnector implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private final Connector connector;

    HttpsConnector(HttpsProperties properties, SimulatorCertificate certificate) {
        this.connector = connector(properties.httpsPort(), certificate);
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (factory.getAddress() != null) {
            connector.setProperty("address", factory.getAddress().getHostAddress());
        }
        factory.addAdditionalConnectors(connector);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** The port the connector is bound to, or -1 before the server has started. */
    int localPort() {
        return connector.getLocalPort();
    }

    private static Connector connector(int port, SimulatorCertificate certificate) {
        var connector = new Connector(Http11NioProtocol.class.getName());
        connector.setScheme("https");
        connector.setSecure(true);
        connector.setPort(port);
        var protocol = (Http11NioProtocol) connector.getProtocolHandler();
        protocol.setSSLEnabled(true);
        protocol.addSslHostConfig(sslHostConfig(certificate));
        return connector;
    }

    private static SSLHostConfig sslHostConfig(SimulatorCertificate certificate) {
        char[] password = "graph-simulator".toCharArray();
        var config = new SSLHostConfig();
        var entry = new SSLHostConfigCertificate(config, SSLHostConfigCertificate.Type.UNDEFINED);
        entry.setCertificateKeystore(certificate.keyStore(password));
        entry.setCertificateKeystorePassword(new String(password));
        entry.setCertificateKeyPassword(new String(password));
        entry.setCertificateKeyAlias(SimulatorCertificate.ALIAS);
        config.addCertificate(entry);
        return config;
    }
}

package io.graphmail.platform.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS that trusts the certificates of one PEM file instead of the JVM's authorities: for a local stand-in of the
 * identity platform (the simulator's self-signed certificate), whether a worker gets tokens or a gateway reads keys.
 */
public final class TrustedCertificates {

    private TrustedCertificates() {}

    /** @throws IllegalStateException if the file cannot be read or holds no certificate Java can load */
    public static SSLContext sslContext(Path pemFile) {
        try (InputStream pem = Files.newInputStream(pemFile)) {
            KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
            trustStore.load(null, null);
            int index = 0;
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                trustStore.setCertificateEntry("trusted-" + index++, certificate);
            }
            var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            var context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot trust the certificate in " + pemFile, e);
        }
    }
}

package io.graphmail.simulator.https;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.springframework.stereotype.Component;

/** The self-signed certificate the HTTPS connector presents, made afresh at every start. */
@Component
public class SimulatorCertificate {

    static final String ALIAS = "graph-simulator";

    private final KeyPair keys;
    private final X509Certificate certificate;

    SimulatorCertificate(HttpsProperties properties) {
        this.keys = SelfSignedCertificates.newKeyPair();
        this.certificate = SelfSignedCertificates.issue(keys, properties.certificateHostnames());
    }

    /** The certificate in PEM, for clients to trust. */
    public String pem() {
        try {
            var encoder = Base64.getMimeEncoder(64, new byte[] {'\n'});
            return "-----BEGIN CERTIFICATE-----\n" + encoder.encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encode the certificate", e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** An in-memory key store holding the private key and certificate under {@link #ALIAS}. */
    KeyStore keyStore(char[] password) {
        try {
            var store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, keys.getPrivate(), password, new Certificate[] {certificate});
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot build the key store", e);
        }
    }
}

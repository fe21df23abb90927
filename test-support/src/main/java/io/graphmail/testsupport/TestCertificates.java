package io.graphmail.testsupport;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed RSA certificates for certificate credentials, as an app registration would hold them. */
public final class TestCertificates {

    private TestCertificates() {}

    /**
     * A new key and certificate.
     *
     * @param certificatePem the certificate alone, for the simulator's app registration
     * @param keyAndCertificatePem the PKCS#8 private key followed by the certificate, for a worker
     */
    public record Credential(String certificatePem, String keyAndCertificatePem) {}

    public static Credential newCredential(String subject) {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            var name = new X500Name("CN=" + subject);
            var now = Instant.now();
            var holder = new JcaX509v3CertificateBuilder(
                            name,
                            new BigInteger(64, new SecureRandom()),
                            Date.from(now.minus(Duration.ofDays(1))),
                            Date.from(now.plus(Duration.ofDays(30))),
                            name,
                            keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()));
            String certificate = pem(
                    "CERTIFICATE",
                    new JcaX509CertificateConverter().getCertificate(holder).getEncoded());
            return new Credential(
                    certificate, pem("PRIVATE KEY", keys.getPrivate().getEncoded()) + certificate);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot make a test certificate", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}

package io.graphmail.simulator.identity.apps;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a certificate credential's client assertion as Entra ID does: a JWT signed (RS256 or PS256)
 * with the private key of the certificate registered for the app, issued by and about the client,
 * and not expired.
 */
final class ClientAssertions {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ClientAssertions() {}

    /** Whether {@code assertion} proves possession of the key of {@code certificatePem} for {@code clientId}. */
    static boolean valid(String assertion, String certificatePem, String clientId) {
        String[] parts = assertion.split("\\.");
        if (parts.length != 3) {
            return false;
        }
        try {
            JsonNode header = JSON.readTree(decode(parts[0]));
            JsonNode claims = JSON.readTree(decode(parts[1]));
            return clientId.equals(claims.path("iss").asString(""))
                    && clientId.equals(claims.path("sub").asString(""))
                    && Instant.ofEpochSecond(claims.path("exp").asLong(0)).isAfter(Instant.now())
                    && signedBy(header.path("alg").asString(""), parts, certificate(certificatePem));
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean signedBy(String algorithm, String[] parts, X509Certificate certificate)
            throws GeneralSecurityException {
        Signature signature;
        if ("RS256".equals(algorithm)) {
            signature = Signature.getInstance("SHA256withRSA");
        } else if ("PS256".equals(algorithm)) {
            signature = Signature.getInstance("RSASSA-PSS");
            signature.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        } else {
            return false;
        }
        signature.initVerify(certificate.getPublicKey());
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return signature.verify(decode(parts[2]));
    }

    private static X509Certificate certificate(String pem) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private static byte[] decode(String part) {
        return Base64.getUrlDecoder().decode(part);
    }
}

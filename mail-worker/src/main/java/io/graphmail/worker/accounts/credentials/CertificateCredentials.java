package io.graphmail.worker.accounts.credentials;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.IClientCredential;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A certificate credential (Microsoft recommends certificates over client secrets): msal4j signs a
 * client assertion with the private key. PEM files hold an unencrypted PKCS#8 RSA key and the
 * certificate (its chain may follow); anything else is read as PKCS#12.
 */
final class CertificateCredentials {

    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private CertificateCredentials() {}

    static IClientCredential of(byte[] file, String passwordVariable, ClientCredentials.Unavailable unavailable) {
        String text = new String(file, StandardCharsets.US_ASCII);
        boolean pem = text.contains("-----BEGIN ");
        String password = pem || passwordVariable == null
                ? ""
                : ClientCredentials.variable(passwordVariable, "certificate password variable", unavailable);
        try {
            return pem
                    ? fromPem(text)
                    : ClientCredentialFactory.createFromCertificate(new ByteArrayInputStream(file), password);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw unavailable.because("the certificate of secret alias '" + unavailable.alias() + "' cannot be used ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static IClientCredential fromPem(String text) throws GeneralSecurityException {
        PrivateKey key = null;
        List<X509Certificate> chain = new ArrayList<>();
        var certificates = CertificateFactory.getInstance("X.509");
        for (var block : PEM_BLOCK.matcher(text).results().toList()) {
            byte[] der = Base64.getMimeDecoder().decode(block.group(2));
            switch (block.group(1)) {
                case "PRIVATE KEY" -> key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
                case "CERTIFICATE" ->
                    chain.add((X509Certificate) certificates.generateCertificate(new ByteArrayInputStream(der)));
                default -> {
                    // Other blocks (an encrypted or PKCS#1 key among them) are not used.
                }
            }
        }
        if (key == null || chain.isEmpty()) {
            throw new IllegalArgumentException("needs a PKCS#8 PRIVATE KEY and a CERTIFICATE");
        }
        return chain.size() == 1
                ? ClientCredentialFactory.createFromCertificate(key, chain.get(0))
                : ClientCredentialFactory.createFromCertificateChain(key, chain);
    }
}

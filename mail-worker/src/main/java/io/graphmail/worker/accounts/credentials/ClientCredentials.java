package io.graphmail.worker.accounts.credentials;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.IClientCredential;
import io.graphmail.platform.secrets.SecretAliases;
import io.graphmail.worker.accounts.AccountSettings;
import io.graphmail.worker.accounts.CredentialsUnavailable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/**
 * The credential of an application account, through the alias its {@code clientSecretRef} names:
 * a client secret (from a variable or a file) or a certificate. Only aliases the operator configured
 * resolve, and a file is read only if it is a regular file of bounded size, so no reference can make
 * a worker read a device or a pipe forever. Read when a client application is built; never stored.
 */
@Component
public class ClientCredentials {

    static final int MAX_SECRET_FILE_BYTES = 16 * 1024;
    static final int MAX_CERTIFICATE_FILE_BYTES = 64 * 1024;

    private final SecretAliases aliases;

    ClientCredentials(SecretAliases aliases) {
        this.aliases = aliases;
    }

    /** @throws CredentialsUnavailable saying why, naming at most the alias */
    public IClientCredential credentialOf(AccountSettings account) {
        String alias = account.clientSecretRef();
        if (!aliases.isConfigured(alias)) {
            // Old records hold env:/file: references, which are no longer followed.
            throw new CredentialsUnavailable(
                    account.id(), "clientSecretRef names no secret alias configured on this worker");
        }
        var unavailable = new Unavailable(account.id(), alias);
        SecretAliases.Source source = aliases.secrets().get(alias);
        if (source.certificateFile() != null) {
            byte[] certificate =
                    read(source.certificateFile(), MAX_CERTIFICATE_FILE_BYTES, "certificate file", unavailable);
            return CertificateCredentials.of(certificate, source.certificatePasswordEnv(), unavailable);
        }
        String secret = source.env() != null
                ? variable(source.env(), "environment variable", unavailable)
                : new String(read(source.file(), MAX_SECRET_FILE_BYTES, "file", unavailable), StandardCharsets.UTF_8);
        if (secret.isBlank()) {
            throw unavailable.because("the secret of alias '" + alias + "' is empty");
        }
        return ClientCredentialFactory.createFromSecret(secret.strip());
    }

    static String variable(String name, String what, Unavailable unavailable) {
        String value = System.getenv(name);
        if (value == null) {
            throw unavailable.because("the " + what + " of secret alias '" + unavailable.alias() + "' is not set");
        }
        return value;
    }

    private static byte[] read(Path file, int maxBytes, String what, Unavailable unavailable) {
        String ofAlias = "the " + what + " of secret alias '" + unavailable.alias() + "'";
        if (!Files.isRegularFile(file)) {
            throw unavailable.because(ofAlias + " is missing or not a regular file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw unavailable.because(ofAlias + " is larger than " + maxBytes + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw unavailable.because(ofAlias + " cannot be read");
        }
    }

    /** Builds the exception for one account and alias. */
    record Unavailable(String accountId, String alias) {
        CredentialsUnavailable because(String reason) {
            return new CredentialsUnavailable(accountId, reason);
        }
    }
}

package io.graphmail.worker.accounts;

import io.graphmail.secrets.SecretAliases;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/**
 * Reads an application account's client secret through the alias its {@code clientSecretRef}
 * names. Only aliases the operator configured resolve; a file is read only if it is a regular
 * file of at most {@value #MAX_FILE_BYTES} bytes, so no reference can make a worker read a device
 * or a pipe forever. Secrets are read when a client application is built and never stored.
 */
@Component
class ClientSecrets {

    static final int MAX_FILE_BYTES = 16 * 1024;

    private final SecretAliases aliases;

    ClientSecrets(SecretAliases aliases) {
        this.aliases = aliases;
    }

    /** @throws CredentialsUnavailable saying why, naming at most the alias */
    String secretOf(AccountSettings account) {
        String alias = account.clientSecretRef();
        if (!aliases.isConfigured(alias)) {
            // Old records hold env:/file: references, which are no longer followed.
            throw new CredentialsUnavailable(
                    account.id(), "clientSecretRef names no secret alias configured on this worker");
        }
        SecretAliases.Source source = aliases.secrets().get(alias);
        String secret = source.env() != null
                ? fromEnvironment(account, alias, source.env())
                : fromFile(account, alias, source.file());
        if (secret.isBlank()) {
            throw new CredentialsUnavailable(account.id(), "the secret of alias '" + alias + "' is empty");
        }
        return secret.strip();
    }

    private static String fromEnvironment(AccountSettings account, String alias, String variable) {
        String value = System.getenv(variable);
        if (value == null) {
            throw new CredentialsUnavailable(
                    account.id(), "the environment variable of secret alias '" + alias + "' is not set");
        }
        return value;
    }

    private static String fromFile(AccountSettings account, String alias, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CredentialsUnavailable(
                    account.id(), "the file of secret alias '" + alias + "' is missing or not a regular file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new CredentialsUnavailable(
                        account.id(),
                        "the file of secret alias '" + alias + "' is larger than " + MAX_FILE_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CredentialsUnavailable(account.id(), "the file of secret alias '" + alias + "' cannot be read");
        }
    }
}

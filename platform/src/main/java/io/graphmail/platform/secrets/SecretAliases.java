package io.graphmail.platform.secrets;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The client credentials (secrets or certificates) the operator made available to application accounts, by alias. An account's
 * {@code clientSecretRef} names one of these aliases, never a path or a variable of its own, so an
 * API client can only pick among the secrets the operator chose to offer.
 *
 * <p>Both apps read the same properties: workers read the secret through its source; the gateway
 * only checks at registration that the alias exists (it never reads the secret).
 *
 * @param secrets alias → where its credential is ({@code graphmail.accounts.secrets.<alias>.env},
 *     {@code .file} or {@code .certificate-file})
 */
@ConfigurationProperties("graphmail.accounts")
public record SecretAliases(@DefaultValue Map<String, Source> secrets) {

    /**
     * Lowercase letters, digits and dashes. An alias given through environment variables
     * ({@code GRAPHMAIL_ACCOUNTS_SECRETS_<ALIAS>_FILE}) can use only letters and digits.
     */
    public static final Pattern ALIAS = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public SecretAliases {
        secrets = Map.copyOf(secrets);
        secrets.forEach((alias, source) -> {
            if (!ALIAS.matcher(alias).matches()) {
                throw new IllegalArgumentException("graphmail.accounts.secrets: alias '" + alias
                        + "' must be lowercase letters, digits or dashes (at most 63)");
            }
            long sources = Stream.of(source.env(), source.file(), source.certificateFile())
                    .filter(Objects::nonNull)
                    .count();
            if (sources != 1) {
                throw new IllegalArgumentException(
                        "graphmail.accounts.secrets." + alias + ": give exactly one of env, file or certificate-file");
            }
            if (source.certificatePasswordEnv() != null && source.certificateFile() == null) {
                throw new IllegalArgumentException("graphmail.accounts.secrets." + alias
                        + ": certificate-password-env goes with certificate-file");
            }
        });
    }

    /** Whether the operator configured this alias. */
    public boolean isConfigured(String alias) {
        return alias != null && secrets.containsKey(alias);
    }

    /**
     * Where one alias's credential is: a client secret (in a variable or a file) or a certificate.
     *
     * @param env the name of the environment variable holding the client secret
     * @param file the file holding the client secret (e.g. a mounted Kubernetes or Docker secret)
     * @param certificateFile a certificate with its private key, which the app registration knows: PEM (an
     *     unencrypted PKCS#8 {@code PRIVATE KEY} and the {@code CERTIFICATE}) or PKCS#12 ({@code .p12}/{@code .pfx})
     * @param certificatePasswordEnv the environment variable holding the PKCS#12 file's password (none when absent)
     */
    public record Source(String env, Path file, Path certificateFile, String certificatePasswordEnv) {}
}

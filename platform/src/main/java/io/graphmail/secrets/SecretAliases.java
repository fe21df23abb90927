package io.graphmail.secrets;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The client secrets the operator made available to application accounts, by alias. An account's
 * {@code clientSecretRef} names one of these aliases, never a path or a variable of its own, so an
 * API client can only pick among the secrets the operator chose to offer.
 *
 * <p>Both apps read the same properties: workers read the secret through its source; the gateway
 * only checks at registration that the alias exists (it never reads the secret).
 *
 * @param secrets alias → where its secret is ({@code graphmail.accounts.secrets.<alias>.env} or
 *     {@code .file})
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
            if ((source.env() == null) == (source.file() == null)) {
                throw new IllegalArgumentException(
                        "graphmail.accounts.secrets." + alias + ": give exactly one of env or file");
            }
        });
    }

    /** Whether the operator configured this alias. */
    public boolean isConfigured(String alias) {
        return alias != null && secrets.containsKey(alias);
    }

    /**
     * Where one alias's secret is.
     *
     * @param env the name of the environment variable holding the secret
     * @param file the file holding the secret (e.g. a mounted Kubernetes or Docker secret)
     */
    public record Source(String env, Path file) {}
}

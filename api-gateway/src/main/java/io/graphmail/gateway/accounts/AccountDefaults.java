package io.graphmail.gateway.accounts;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param defaultAccount the account that sends when a request names none (and for the
 *     original {@code /api/v1/emails} endpoints)
 */
@ConfigurationProperties("graphmail.accounts")
public record AccountDefaults(@DefaultValue("default") String defaultAccount) {

    public String orDefault(String accountId) {
        return accountId == null || accountId.isBlank() ? defaultAccount : accountId;
    }
}

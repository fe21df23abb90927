package io.graphmail.gateway.send;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param defaultAccount the account that sends when a request names none (and for the
 *     original {@code /api/v1/emails} endpoints)
 */
@ConfigurationProperties("graphmail.accounts")
record AccountDefaults(@DefaultValue("default") String defaultAccount) {

    String orDefault(String accountId) {
        return accountId == null || accountId.isBlank() ? defaultAccount : accountId;
    }
}

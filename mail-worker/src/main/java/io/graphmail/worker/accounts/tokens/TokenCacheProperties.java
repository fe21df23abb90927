package io.graphmail.worker.accounts.tokens;

import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Keys that encrypt the token cache, from {@code GRAPHMAIL_TOKEN_KEY}: comma-separated
 * {@code keyId:base64Key} entries of 32-byte AES keys. The first encrypts; all decrypt, so keys can
 * be rotated by putting a new one first and dropping the old one once every cache was rewritten.
 */
@Validated
@ConfigurationProperties("graphmail.tokens")
record TokenCacheProperties(@NotEmpty List<String> encryptionKeys) {}

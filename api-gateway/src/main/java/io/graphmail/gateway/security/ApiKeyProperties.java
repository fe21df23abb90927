package io.graphmail.gateway.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * API keys that may call {@code /api/**}, from {@code GRAPHMAIL_API_KEYS} (comma-separated).
 * With none configured, every API call is refused.
 */
@ConfigurationProperties("graphmail.security")
record ApiKeyProperties(@DefaultValue List<String> apiKeys) {}

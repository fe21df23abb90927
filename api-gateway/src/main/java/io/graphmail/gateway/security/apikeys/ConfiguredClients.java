package io.graphmail.gateway.security.apikeys;

import io.graphmail.gateway.security.ApiClient;
import io.graphmail.gateway.security.Scope;
import io.graphmail.platform.hashing.Sha256;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The clients the operator configured, by the SHA-256 digest of each of their keys. */
final class ConfiguredClients {

    private static final Logger log = LoggerFactory.getLogger(ConfiguredClients.class);

    private final Map<String, ApiClient> byDigest = new HashMap<>();

    ConfiguredClients(SecurityProperties properties) {
        properties.clients().forEach((name, settings) -> {
            var client = new ApiClient(name, scopes(name, settings), Set.copyOf(settings.accounts()));
            settings.keys().stream()
                    .map(String::trim)
                    .filter(key -> !key.isEmpty())
                    .forEach(key -> add(Sha256.hex(key), client));
            settings.keyDigests().stream()
                    .map(digest -> digest.trim().toLowerCase(Locale.ROOT))
                    .filter(digest -> !digest.isEmpty())
                    .forEach(digest -> add(digest, client));
        });
        var legacy = properties.apiKeys().stream()
                .map(String::trim)
                .filter(key -> !key.isEmpty())
                .toList();
        if (!legacy.isEmpty()) {
            log.warn(
                    "GRAPHMAIL_API_KEYS is deprecated: its {} key(s) act as admin clients; configure"
                            + " graphmail.security.clients.<name> with scopes instead",
                    legacy.size());
        }
        legacy.forEach(key -> {
            byte[] digest = Sha256.of(key);
            var client = new ApiClient(
                    HexFormat.of().formatHex(digest, 0, 6), Set.of(Scope.ADMIN), Set.of(ApiClient.ALL_ACCOUNTS));
            add(HexFormat.of().formatHex(digest), client);
        });
    }

    private void add(String digest, ApiClient client) {
        if (byDigest.putIfAbsent(digest, client) != null) {
            throw new IllegalStateException("Two configured clients share one API key; client " + client.id());
        }
    }

    private static Set<Scope> scopes(String client, SecurityProperties.ClientSettings settings) {
        return settings.scopes().stream()
                .map(String::trim)
                .map(value -> Scope.parse(value)
                        .orElseThrow(() ->
                                new IllegalStateException("Client " + client + " has unknown scope '" + value + "'")))
                .collect(Collectors.toUnmodifiableSet());
    }

    Optional<ApiClient> byDigest(String digest) {
        return Optional.ofNullable(byDigest.get(digest));
    }

    boolean isEmpty() {
        return byDigest.isEmpty();
    }
}

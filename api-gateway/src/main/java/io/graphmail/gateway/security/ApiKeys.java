package io.graphmail.gateway.security;

import io.graphmail.hashing.Sha256;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** The configured API keys, held only as SHA-256 digests and compared in constant time. */
final class ApiKeys {

    private final List<byte[]> digests;

    ApiKeys(List<String> keys) {
        this.digests = keys.stream()
                .map(String::trim)
                .filter(key -> !key.isEmpty())
                .map(Sha256::of)
                .toList();
    }

    boolean isEmpty() {
        return digests.isEmpty();
    }

    /**
     * The caller's client id (a short fingerprint of its key) if the key is known. Every
     * configured key is compared, so timing does not tell which one matched or how closely.
     */
    Optional<String> clientFor(String presentedKey) {
        byte[] presented = Sha256.of(presentedKey);
        boolean known = false;
        for (byte[] digest : digests) {
            known |= MessageDigest.isEqual(digest, presented);
        }
        return known ? Optional.of(HexFormat.of().formatHex(presented, 0, 6)) : Optional.empty();
    }
}

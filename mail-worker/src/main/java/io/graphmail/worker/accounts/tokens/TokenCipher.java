package io.graphmail.worker.accounts.tokens;

import io.graphmail.platform.secrets.OwnerBoundCipher;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;

/**
 * Token caches sealed with {@link OwnerBoundCipher} for their account, so a cache cannot be decrypted as (or swapped
 * to) another account's. The first configured key seals; every configured key still opens, for key rotation.
 */
final class TokenCipher {

    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    private final String activeKeyId;

    TokenCipher(List<String> encodedKeys) {
        for (String entry : encodedKeys) {
            String[] parts = entry.trim().split(":", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("A token key is keyId:base64Key");
            }
            keys.put(parts[0], OwnerBoundCipher.key(Base64.getDecoder().decode(parts[1]), "Token key " + parts[0]));
        }
        this.activeKeyId = keys.keySet().iterator().next();
    }

    Sealed encrypt(String accountId, String plaintext) {
        var sealed = OwnerBoundCipher.seal(keys.get(activeKeyId), accountId, plaintext);
        return new Sealed(activeKeyId, sealed.nonce(), sealed.ciphertext());
    }

    /** @throws IllegalStateException if the key is unknown or the data or account id do not match */
    String decrypt(String accountId, Sealed sealed) {
        SecretKeySpec key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("Unknown token key id " + sealed.keyId());
        }
        return OwnerBoundCipher.open(key, accountId, new OwnerBoundCipher.Sealed(sealed.nonce(), sealed.ciphertext()));
    }

    /** Ciphertext with what is needed to decrypt it, except the key itself. */
    record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {}
}

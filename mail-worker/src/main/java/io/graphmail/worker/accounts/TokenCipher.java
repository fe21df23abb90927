package io.graphmail.worker.accounts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for token caches. The account id is bound as additional authenticated data, so a
 * cache cannot be decrypted as (or swapped to) another account's.
 */
final class TokenCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();

    TokenCipher(List<String> encodedKeys) {
        for (String entry : encodedKeys) {
            String[] parts = entry.trim().split(":", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("A token key is keyId:base64Key");
            }
            byte[] key = Base64.getDecoder().decode(parts[1]);
            if (key.length != 32) {
                throw new IllegalArgumentException("Token key " + parts[0] + " is not 32 bytes (AES-256)");
            }
            keys.put(parts[0], new SecretKeySpec(key, "AES"));
        }
        this.activeKeyId = keys.keySet().iterator().next();
    }

    Sealed encrypt(String accountId, String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] ciphertext =
                run(Cipher.ENCRYPT_MODE, activeKeyId, accountId, nonce, plaintext.getBytes(StandardCharsets.UTF_8));
        return new Sealed(activeKeyId, nonce, ciphertext);
    }

    /** @throws IllegalStateException if the key is unknown or the data or account id do not match */
    String decrypt(String accountId, Sealed sealed) {
        return new String(
                run(Cipher.DECRYPT_MODE, sealed.keyId(), accountId, sealed.nonce(), sealed.ciphertext()),
                StandardCharsets.UTF_8);
    }

    private byte[] run(int mode, String keyId, String accountId, byte[] nonce, byte[] input) {
        SecretKeySpec key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("Unknown token key id " + keyId);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(accountId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "Token cache cannot be " + (mode == Cipher.ENCRYPT_MODE ? "encrypted" : "decrypted"), e);
        }
    }

    /** Ciphertext with what is needed to decrypt it, except the key itself. */
    record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {}
}

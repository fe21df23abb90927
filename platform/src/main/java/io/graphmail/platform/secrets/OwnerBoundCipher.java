package io.graphmail.platform.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a fresh random 96-bit nonce per value and the owner's id bound as additional authenticated data,
 * so a sealed value cannot be opened as (or moved to) another owner's. The JDK's cipher: one call needs no library.
 */
public final class OwnerBoundCipher {

    public static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private OwnerBoundCipher() {}

    /** @throws IllegalArgumentException unless the key has {@value #KEY_BYTES} bytes (AES-256) */
    public static SecretKeySpec key(byte[] bytes, String name) {
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException(name + " is not 32 bytes (AES-256)");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    public static Sealed seal(SecretKeySpec key, String owner, String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return new Sealed(
                nonce, run(Cipher.ENCRYPT_MODE, key, owner, nonce, plaintext.getBytes(StandardCharsets.UTF_8)));
    }

    /** @throws IllegalStateException if the value was sealed with another key or for another owner, or was altered */
    public static String open(SecretKeySpec key, String owner, Sealed sealed) {
        return new String(
                run(Cipher.DECRYPT_MODE, key, owner, sealed.nonce(), sealed.ciphertext()), StandardCharsets.UTF_8);
    }

    private static byte[] run(int mode, SecretKeySpec key, String owner, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "A value cannot be " + (mode == Cipher.ENCRYPT_MODE ? "sealed" : "opened"), e);
        }
    }

    /** The nonce and the ciphertext with its authentication tag. */
    public record Sealed(byte[] nonce, byte[] ciphertext) {

        /** Nonce then ciphertext, for storing both in one field. */
        public byte[] joined() {
            byte[] all = Arrays.copyOf(nonce, nonce.length + ciphertext.length);
            System.arraycopy(ciphertext, 0, all, nonce.length, ciphertext.length);
            return all;
        }

        public static Sealed split(byte[] joined) {
            return new Sealed(
                    Arrays.copyOf(joined, NONCE_BYTES), Arrays.copyOfRange(joined, NONCE_BYTES, joined.length));
        }
    }
}

package io.graphmail.gateway.webhooks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Seals webhook signing secrets with AES-256-GCM (the JDK's; no library is needed for one cipher call). The
 * endpoint id is bound as additional data, so a sealed secret cannot be moved to another endpoint.
 */
@Component
class SecretBox {

    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    SecretBox(WebhookProperties properties) {
        byte[] bytes;
        if (properties.encryptionKey() == null || properties.encryptionKey().isBlank()) {
            log.warn("graphmail.webhooks.encryption-key is not set: webhook secrets will not survive a restart");
            bytes = new byte[32];
            random.nextBytes(bytes);
        } else {
            bytes = Base64.getDecoder().decode(properties.encryptionKey().trim());
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException("graphmail.webhooks.encryption-key must be 32 bytes (base64)");
        }
        key = new SecretKeySpec(bytes, "AES");
    }

    /** A new random secret as receivers see it: {@code whsec_} and the base64 of 32 bytes. */
    String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "whsec_" + Base64.getEncoder().encodeToString(bytes);
    }

    String seal(String webhookId, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, webhookId, nonce, secret.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder()
                .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                        .put(nonce)
                        .put(sealed)
                        .array());
    }

    String open(String webhookId, String sealed) {
        byte[] all = Base64.getDecoder().decode(sealed);
        byte[] nonce = java.util.Arrays.copyOf(all, NONCE_BYTES);
        byte[] body = java.util.Arrays.copyOfRange(all, NONCE_BYTES, all.length);
        return new String(run(Cipher.DECRYPT_MODE, webhookId, nonce, body), StandardCharsets.UTF_8);
    }

    private byte[] run(int mode, String webhookId, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(webhookId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A webhook secret cannot be sealed or opened", e);
        }
    }
}

package io.graphmail.gateway.webhooks.endpoints;

import io.graphmail.platform.secrets.OwnerBoundCipher;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Seals webhook signing secrets for their endpoint, so a sealed secret cannot be moved to another endpoint. */
@Component
public class SecretBox {

    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);

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
        key = OwnerBoundCipher.key(bytes, "graphmail.webhooks.encryption-key (base64)");
    }

    /** A new random secret as receivers see it: {@code whsec_} and the base64 of 32 bytes. */
    public String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "whsec_" + Base64.getEncoder().encodeToString(bytes);
    }

    public String seal(String webhookId, String secret) {
        return Base64.getEncoder()
                .encodeToString(OwnerBoundCipher.seal(key, webhookId, secret).joined());
    }

    public String open(String webhookId, String sealed) {
        return OwnerBoundCipher.open(
                key,
                webhookId,
                OwnerBoundCipher.Sealed.split(Base64.getDecoder().decode(sealed)));
    }
}

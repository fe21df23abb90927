package io.graphmail.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class OwnerBoundCipherTests {

    private static final byte[] KEY_BYTES = new byte[OwnerBoundCipher.KEY_BYTES];

    static {
        Arrays.fill(KEY_BYTES, (byte) 7);
    }

    private final SecretKeySpec key = OwnerBoundCipher.key(KEY_BYTES, "test key");

    @Test
    void opensWhatItSealedForTheSameOwnerAndHidesThePlaintext() {
        var sealed = OwnerBoundCipher.seal(key, "owner-a", "a secret value");

        assertThat(new String(sealed.ciphertext())).doesNotContain("secret");
        assertThat(OwnerBoundCipher.open(key, "owner-a", sealed)).isEqualTo("a secret value");
        assertThat(OwnerBoundCipher.open(key, "owner-a", OwnerBoundCipher.Sealed.split(sealed.joined())))
                .isEqualTo("a secret value");
    }

    @Test
    void usesAFreshNonceForEveryValue() {
        var first = OwnerBoundCipher.seal(key, "owner-a", "same");
        var second = OwnerBoundCipher.seal(key, "owner-a", "same");

        assertThat(first.nonce()).isNotEqualTo(second.nonce());
        assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
    }

    @Test
    void refusesAnotherOwnerAnotherKeyAndAlteredCiphertext() {
        var sealed = OwnerBoundCipher.seal(key, "owner-a", "value");
        byte[] otherKey = KEY_BYTES.clone();
        otherKey[0] = 8;
        byte[] altered = sealed.ciphertext().clone();
        altered[0] ^= 1;

        assertThatThrownBy(() -> OwnerBoundCipher.open(key, "owner-b", sealed))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> OwnerBoundCipher.open(OwnerBoundCipher.key(otherKey, "other"), "owner-a", sealed))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() ->
                        OwnerBoundCipher.open(key, "owner-a", new OwnerBoundCipher.Sealed(sealed.nonce(), altered)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsKeysThatAreNotAes256() {
        assertThatThrownBy(() -> OwnerBoundCipher.key(new byte[16], "graphmail.some-key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("graphmail.some-key")
                .hasMessageContaining("32 bytes");
    }
}

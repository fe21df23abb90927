package io.graphmail.worker.accounts.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenCipherTests {

    private static final String OLD_KEY = "k1:" + key(1);
    private static final String NEW_KEY = "k2:" + key(2);

    @Test
    void decryptsWhatItEncryptedForTheSameAccount() {
        var cipher = new TokenCipher(List.of(OLD_KEY));

        var sealed = cipher.encrypt("account-a", "{\"RefreshToken\":\"secret\"}");

        assertThat(new String(sealed.ciphertext())).doesNotContain("secret");
        assertThat(cipher.decrypt("account-a", sealed)).isEqualTo("{\"RefreshToken\":\"secret\"}");
    }

    @Test
    void refusesToDecryptAsAnotherAccount() {
        var cipher = new TokenCipher(List.of(OLD_KEY));
        var sealed = cipher.encrypt("account-a", "cache");

        assertThatThrownBy(() -> cipher.decrypt("account-b", sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void encryptsWithTheFirstKeyAndStillDecryptsWithOlderOnes() {
        var sealedWithOld = new TokenCipher(List.of(OLD_KEY)).encrypt("account-a", "cache");
        var rotated = new TokenCipher(List.of(NEW_KEY, OLD_KEY));

        assertThat(rotated.decrypt("account-a", sealedWithOld)).isEqualTo("cache");
        assertThat(rotated.encrypt("account-a", "cache").keyId()).isEqualTo("k2");
    }

    @Test
    void rejectsKeysThatAreNotAes256() {
        String shortKey = "k:" + Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> new TokenCipher(List.of(shortKey))).hasMessageContaining("32 bytes");
    }

    private static String key(int seed) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) seed);
        return Base64.getEncoder().encodeToString(key);
    }
}

package io.graphmail.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentDecodingTests {

    @Test
    void decodesUtf8EscapesAndPlusInQueries() {
        assertThat(PercentDecoding.decode("caf%C3%A9+au+lait", true)).contains("café au lait");
        assertThat(PercentDecoding.decode("a+b", false)).contains("a+b");
        assertThat(PercentDecoding.decode("%F0%9F%98%80", true)).contains("\uD83D\uDE00");
        assertThat(PercentDecoding.decode("déjà", true)).contains("déjà");
    }

    @Test
    void refusesBrokenEscapesAndBytesThatAreNotUtf8() {
        for (String encoded : new String[] {"%", "a%", "%f", "%zz", "%ff", "%c0%af", "%e2%82", "%ed%a0%80", "%80"}) {
            assertThat(PercentDecoding.decode(encoded, true)).as(encoded).isEmpty();
        }
    }

    @Test
    void findsControlCharacters() {
        for (String encoded : new String[] {"%00", "a%0ab", "%09", "%7f", "%c2%85"}) {
            assertThat(PercentDecoding.decode(encoded, true).filter(PercentDecoding::isClean))
                    .as(encoded)
                    .isEmpty();
        }
        assertThat(PercentDecoding.decode("%e2%80%ae", true).filter(PercentDecoding::isClean))
                .isPresent();
    }
}

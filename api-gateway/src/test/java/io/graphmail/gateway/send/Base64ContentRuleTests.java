package io.graphmail.gateway.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class Base64ContentRuleTests {

    /** Every string of up to five characters from a small alphabet: the rule agrees with the worker's decoder. */
    @Test
    void acceptsExactlyWhatTheWorkersDecoderReads() {
        List<String> disagreements = new ArrayList<>();
        for (String text : strings("Ab+/=_ \n", 5)) {
            boolean decodes;
            try {
                Base64.getDecoder().decode(text);
                decodes = true;
            } catch (IllegalArgumentException e) {
                decodes = false;
            }
            if (Base64ContentRule.isBase64(text) != decodes) {
                disagreements.add("'" + text.replace("\n", "\\n") + "' decodes: " + decodes);
            }
        }
        assertThat(disagreements).isEmpty();
    }

    private static List<String> strings(String alphabet, int maxLength) {
        List<String> all = new ArrayList<>(List.of(""));
        List<String> previous = List.of("");
        for (int length = 1; length <= maxLength; length++) {
            List<String> next = new ArrayList<>();
            for (String prefix : previous) {
                for (char c : alphabet.toCharArray()) {
                    next.add(prefix + c);
                }
            }
            all.addAll(next);
            previous = next;
        }
        return all;
    }
}

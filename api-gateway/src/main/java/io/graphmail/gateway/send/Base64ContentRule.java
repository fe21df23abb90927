package io.graphmail.gateway.send;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Checks {@link Base64Content} as {@link java.util.Base64#getDecoder()} reads: alphabet characters, optional padding
 * at the end only, and no single character left over; without decoding, so a large file costs no copy.
 */
class Base64ContentRule implements ConstraintValidator<Base64Content, String> {

    @Override
    public boolean isValid(String text, ConstraintValidatorContext context) {
        return text == null || isBase64(text);
    }

    static boolean isBase64(String text) {
        int length = text.length();
        int padding = 0;
        while (padding < 2 && length - padding > 0 && text.charAt(length - padding - 1) == '=') {
            padding++;
        }
        int data = length - padding;
        if ((padding > 0 && length % 4 != 0) || data % 4 == 1) {
            return false;
        }
        for (int i = 0; i < data; i++) {
            char c = text.charAt(i);
            boolean alphabet =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
            if (!alphabet) {
                return false;
            }
        }
        return true;
    }
}

package io.graphmail.gateway.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/** Strict percent-decoding: every escape two hex digits, the bytes well-formed UTF-8 (no overlong forms). */
final class PercentDecoding {

    private PercentDecoding() {}

    /**
     * @param plusIsSpace {@code true} for query strings (form encoding), {@code false} for paths
     * @return the decoded text; empty if an escape is broken or the bytes are not UTF-8
     */
    static Optional<String> decode(String encoded, boolean plusIsSpace) {
        var bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()
                        || !HexFormat.isHexDigit(encoded.charAt(i + 1))
                        || !HexFormat.isHexDigit(encoded.charAt(i + 2))) {
                    return Optional.empty();
                }
                bytes.write(HexFormat.fromHexDigits(encoded, i + 1, i + 3));
                i += 2;
            } else if (c > 0x7f) {
                // Sent unencoded and already decoded by the server: taken as it is.
                int codePoint = encoded.codePointAt(i);
                bytes.writeBytes(Character.toString(codePoint).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint) - 1;
            } else {
                bytes.write(plusIsSpace && c == '+' ? ' ' : c);
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** No control characters (C0, DEL, C1): no parameter or path of the API has a use for them. */
    static boolean isClean(String text) {
        return text.chars().noneMatch(Character::isISOControl);
    }
}

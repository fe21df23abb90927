package io.graphmail.gateway.send;

import com.samskivert.mustache.MustacheException;

/**
 * What a batch template may contain besides text, variables and sections: no partials ({@code {{>name}}}), template
 * inheritance ({@code {{<parent}}}, {@code {{$block}}}) or changed delimiters ({@code {{=<% %>=}}}), and sections
 * nested at most so deep (deeper nesting exhausts the stack while rendering). Read with Mustache's default
 * delimiters, which are the only ones allowed.
 */
final class TemplateShape {

    private TemplateShape() {}

    /** @throws MustacheException saying what is not allowed */
    static void check(String template, int maxDepth) {
        int depth = 0;
        int at = template.indexOf("{{");
        while (at >= 0 && at + 2 < template.length()) {
            char kind = template.charAt(at + 2);
            String close = kind == '{' ? "}}}" : "}}";
            int end = template.indexOf(close, at + 2);
            if (end < 0) {
                return; // unterminated: the compiler reports it
            }
            switch (kind) {
                case '>', '<', '$' -> throw new MustacheException("partials and template inheritance are not allowed");
                case '=' -> throw new MustacheException("changing delimiters is not allowed");
                case '#', '^' -> {
                    if (++depth > maxDepth) {
                        throw new MustacheException("sections may nest at most " + maxDepth + " deep");
                    }
                }
                case '/' -> depth--;
                default -> {}
            }
            at = template.indexOf("{{", end + close.length());
        }
    }
}

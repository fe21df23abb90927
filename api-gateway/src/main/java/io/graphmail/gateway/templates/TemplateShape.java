package io.graphmail.gateway.templates;

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
        while (at >= 0) {
            boolean triple = template.startsWith("{{{", at);
            String close = triple ? "}}}" : "}}";
            int end = template.indexOf(close, at + 2);
            if (end < 0) {
                // JMustache would keep it as text, which is never what the author meant.
                throw new MustacheException("a tag opened with {{ is not closed");
            }
            // JMustache trims a tag before reading its kind, so "{{ >name}}" is a partial too.
            String tag = template.substring(at + (triple ? 3 : 2), end).strip();
            char kind = triple || tag.isEmpty() ? '{' : tag.charAt(0);
            String name = triple || "#^/&><$=!".indexOf(kind) < 0
                    ? tag
                    : tag.substring(1).strip();
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
            if (name.isEmpty() && kind != '!') {
                throw new MustacheException("a tag must name a variable");
            }
            at = template.indexOf("{{", end + close.length());
        }
    }
}

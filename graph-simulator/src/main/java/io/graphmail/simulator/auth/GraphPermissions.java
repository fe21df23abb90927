package io.graphmail.simulator.auth;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The permissions each Graph endpoint the simulator serves needs, from the permission table of its page in Microsoft
 * Graph's API reference (graph-simulator/README.md lists them). A token needs one of an endpoint's permissions;
 * delegated and application tables name the same ones for these endpoints. {@code Mail.ReadBasic} is not taken,
 * although Graph lists it for reads: it withholds bodies and attachments, which the simulator always returns.
 */
final class GraphPermissions {

    static final Set<String> READ = Set.of("mail.read", "mail.readwrite");
    static final Set<String> WRITE = Set.of("mail.readwrite");
    static final Set<String> SEND = Set.of("mail.send");

    private static final PathPatternParser PARSER = caseInsensitive();

    private static final List<Rule> RULES = List.of(
            rule("POST", "/sendMail", SEND),
            rule("POST", "/messages/*/send", SEND),
            rule("POST", "/messages", WRITE),
            rule("POST", "/mailFolders/*/messages", WRITE),
            rule("POST", "/messages/*/createReply", WRITE),
            rule("POST", "/messages/*/createReplyAll", WRITE),
            rule("POST", "/messages/*/attachments", WRITE),
            rule("POST", "/messages/*/attachments/createUploadSession", WRITE),
            rule("PATCH", "/messages/*", WRITE),
            rule("DELETE", "/messages/*", WRITE),
            rule("GET", "/messages/**", READ),
            rule("GET", "/mailFolders/**", READ));

    private GraphPermissions() {}

    /**
     * One of which permissions a request needs; empty for a path the simulator serves no endpoint at (it answers
     * {@code 400 BadRequest} as Graph does for an unknown segment).
     *
     * @param method the HTTP method
     * @param resource the path below the mailbox, e.g. {@code /messages/AAMk.../send}
     */
    static Optional<Set<String>> required(String method, String resource) {
        var path = PathContainer.parsePath(resource);
        return RULES.stream()
                .filter(rule -> rule.method().equals(method.toUpperCase(Locale.ROOT))
                        && rule.pattern().matches(path))
                .findFirst()
                .map(Rule::anyOf);
    }

    private static PathPatternParser caseInsensitive() {
        var parser = new PathPatternParser();
        parser.setCaseSensitive(false);
        return parser;
    }

    private static Rule rule(String method, String pattern, Set<String> anyOf) {
        return new Rule(method, PARSER.parse(pattern), anyOf);
    }

    private record Rule(String method, PathPattern pattern, Set<String> anyOf) {}
}

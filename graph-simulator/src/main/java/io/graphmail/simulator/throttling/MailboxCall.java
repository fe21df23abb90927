package io.graphmail.simulator.throttling;

import io.graphmail.simulator.auth.AuthenticatedMailbox;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Optional;

/**
 * A Graph request that concerns a mailbox: {@code /v1.0/me/...} (the token's mailbox) or {@code /v1.0/users/{id}/...},
 * and whether it sends a message ({@code POST .../sendMail} or {@code POST .../messages/{id}/send}).
 */
record MailboxCall(String mailbox, boolean send) {

    private static final String GRAPH_ROOT = "/v1.0/";

    /** The call, once the bearer check has let the request through to its mailbox. */
    static Optional<MailboxCall> of(HttpServletRequest request) {
        String[] segments =
                request.getRequestURI().substring(GRAPH_ROOT.length()).split("/");
        int mailboxSegments = switch (segments[0]) {
            case "me" -> 1;
            case "users" -> 2;
            default -> 0;
        };
        if (mailboxSegments == 0 || segments.length < mailboxSegments) {
            return Optional.empty();
        }
        return Optional.ofNullable((String) request.getAttribute(AuthenticatedMailbox.ATTRIBUTE))
                .map(mailbox -> new MailboxCall(
                        mailbox,
                        request.getMethod().equals("POST")
                                && sends(Arrays.copyOfRange(segments, mailboxSegments, segments.length))));
    }

    private static boolean sends(String[] rest) {
        return (rest.length == 1 && rest[0].equalsIgnoreCase("sendMail"))
                || (rest.length == 3 && rest[0].equalsIgnoreCase("messages") && rest[2].equalsIgnoreCase("send"));
    }
}

package io.graphmail.simulator.throttling;

import io.graphmail.simulator.auth.AuthenticatedMailbox;
import io.graphmail.simulator.uploads.UploadSessionOwners;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * A request that counts against an app's limits on a mailbox: a Graph request ({@code /v1.0/me/...}, the token's
 * mailbox, or {@code /v1.0/users/{id}/...}) or a request to an upload URL (the app and mailbox that opened the
 * session); whether it sends a message ({@code POST .../sendMail} or {@code POST .../messages/{id}/send}); and how
 * many bytes it uploads (the body of a PATCH, POST or PUT).
 */
record MailboxCall(String app, String mailbox, boolean send, long uploadBytes) {

    static final String GRAPH_ROOT = "/v1.0/";
    static final String UPLOAD_ROOT = "/_upload/";

    private static final Set<String> UPLOADING = Set.of("PATCH", "POST", "PUT");

    /** The call, once the bearer check has let a Graph request through to its mailbox. */
    static Optional<MailboxCall> ofGraph(HttpServletRequest request) {
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
        String app = (String) request.getAttribute(AuthenticatedMailbox.APP_ATTRIBUTE);
        return Optional.ofNullable((String) request.getAttribute(AuthenticatedMailbox.ATTRIBUTE))
                .map(mailbox -> new MailboxCall(
                        app == null ? AuthenticatedMailbox.STATIC_TOKEN_APP : app,
                        mailbox,
                        request.getMethod().equals("POST")
                                && sends(Arrays.copyOfRange(segments, mailboxSegments, segments.length)),
                        uploadBytes(request)));
    }

    /** The call a request to an upload URL makes, for the session's owner; empty for an unknown session. */
    static Optional<MailboxCall> ofUpload(HttpServletRequest request, UploadSessionOwners owners) {
        String sessionId = request.getRequestURI().substring(UPLOAD_ROOT.length());
        return owners.of(sessionId)
                .map(owner -> new MailboxCall(owner.app(), owner.mailbox(), false, uploadBytes(request)));
    }

    private static long uploadBytes(HttpServletRequest request) {
        return UPLOADING.contains(request.getMethod()) ? Math.max(0, request.getContentLengthLong()) : 0;
    }

    private static boolean sends(String[] rest) {
        return (rest.length == 1 && rest[0].equalsIgnoreCase("sendMail"))
                || (rest.length == 3 && rest[0].equalsIgnoreCase("messages") && rest[2].equalsIgnoreCase("send"));
    }
}

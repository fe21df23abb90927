package io.graphmail.gateway.notifications;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where Graph posts change and lifecycle notifications, outside API-key authentication (Graph has no key): the
 * validation handshake echoes {@code validationToken} as text/plain; a notification POST is answered 202 at once and
 * verified afterwards. Size- and rate-limited; answers carry nothing of what was posted.
 */
@Hidden
@RestController
class NotificationsController {

    static final String PATH = "/notifications/graph";
    /** Graph's validation tokens are short opaque strings; anything longer is not one. */
    private static final int MAX_TOKEN_LENGTH = 1024;

    private final AcceptingNotifications accepting;
    private final NotificationProperties properties;

    NotificationsController(AcceptingNotifications accepting, NotificationProperties properties) {
        this.accepting = accepting;
        this.properties = properties;
    }

    @PostMapping(PATH)
    ResponseEntity<String> notified(
            @RequestParam(name = "validationToken", required = false) String validationToken,
            HttpServletRequest request)
            throws IOException {
        if (!accepting.withinRate()) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", "1")
                    .build();
        }
        if (validationToken != null) {
            if (validationToken.isEmpty() || validationToken.length() > MAX_TOKEN_LENGTH) {
                return ResponseEntity.badRequest().build();
            }
            return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(validationToken);
        }
        long max = properties.maxBodySize().toBytes();
        if (request.getContentLengthLong() > max) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).build();
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) max + 1);
        }
        if (body.length > max) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).build();
        }
        accepting.accept(body);
        return ResponseEntity.accepted().build();
    }
}

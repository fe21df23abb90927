package io.graphmail.simulator.uploads;

import io.graphmail.simulator.web.GraphErrorException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The upload URLs of upload sessions, standing in for Outlook's pre-authenticated ones: ranged PUTs of the file, the
 * session's state on GET, cancellation on DELETE. A request with an {@code Authorization} header gets 401, so that a
 * client leaking its Graph token to the upload host is caught.
 */
@RestController
class UploadsController {

    static final String PATH = "/_upload/{sessionId}";

    private final UploadingAttachments uploading;

    UploadsController(UploadingAttachments uploading) {
        this.uploading = uploading;
    }

    @PutMapping(PATH)
    ResponseEntity<Map<String, Object>> put(
            @PathVariable String sessionId,
            @RequestParam(name = "authtoken", required = false) String token,
            @RequestHeader HttpHeaders headers,
            @RequestBody(required = false) byte[] body) {
        refuseAuthorization(headers);
        var progress = uploading.upload(
                sessionId, token, headers.getFirst("Content-Range"), body == null ? new byte[0] : body);
        if (progress.attachment() == null) {
            return ResponseEntity.ok(state(progress.session()));
        }
        var target = progress.session().target();
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/v1.0/users/{mailbox}/messages/{messageId}/attachments/{attachmentId}")
                .buildAndExpand(
                        target.mailbox(),
                        target.messageId(),
                        progress.attachment().id())
                .toUri();
        return ResponseEntity.created(location).build();
    }

    @GetMapping(PATH)
    Map<String, Object> get(
            @PathVariable String sessionId,
            @RequestParam(name = "authtoken", required = false) String token,
            @RequestHeader HttpHeaders headers) {
        refuseAuthorization(headers);
        return state(uploading.session(sessionId, token));
    }

    @DeleteMapping(PATH)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void cancel(
            @PathVariable String sessionId,
            @RequestParam(name = "authtoken", required = false) String token,
            @RequestHeader HttpHeaders headers) {
        refuseAuthorization(headers);
        uploading.cancel(sessionId, token);
    }

    /** As Outlook reports it: the single position the next range must start at ({@code 0-} before the first). */
    private static Map<String, Object> state(UploadSession session) {
        long received = session.received();
        return Map.of(
                "expirationDateTime",
                session.expires(),
                "nextExpectedRanges",
                List.of(received == 0 ? "0-" : String.valueOf(received)));
    }

    private static void refuseAuthorization(HttpHeaders headers) {
        if (headers.containsHeader(HttpHeaders.AUTHORIZATION)) {
            throw new GraphErrorException(
                    HttpStatus.UNAUTHORIZED,
                    "InvalidAuthenticationToken",
                    "The upload URL is pre-authenticated: send it no Authorization header.");
        }
    }
}

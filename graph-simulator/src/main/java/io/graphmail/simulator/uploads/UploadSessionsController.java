package io.graphmail.simulator.uploads;

import io.graphmail.simulator.auth.AuthenticatedMailbox;
import io.graphmail.simulator.messages.ODataContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Opens upload sessions for large attachments; the bytes then go to the session's upload URL. */
@RestController
@RequestMapping("/v1.0")
class UploadSessionsController {

    private final UploadingAttachments uploading;

    UploadSessionsController(UploadingAttachments uploading) {
        this.uploading = uploading;
    }

    @PostMapping({
        "/me/messages/{messageId}/attachments/createUploadSession",
        "/users/{userId}/messages/{messageId}/attachments/createUploadSession"
    })
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> open(
            @PathVariable String messageId,
            @RequestAttribute(AuthenticatedMailbox.ATTRIBUTE) String mailbox,
            @RequestAttribute(AuthenticatedMailbox.APP_ATTRIBUTE) String app,
            @RequestBody(required = false) CreateUploadSessionRequest body,
            HttpServletRequest request) {
        UploadSession session = uploading.open(app, mailbox, messageId, body);
        var answer = new LinkedHashMap<String, Object>();
        answer.put("@odata.context", ODataContext.of(request, "microsoft.graph.uploadSession"));
        answer.put("uploadUrl", uploadUrl(session));
        answer.put("expirationDateTime", session.expires());
        answer.put("nextExpectedRanges", List.of("0-"));
        return answer;
    }

    /** An absolute URL on the simulator, carrying the session's token as Graph's carry theirs. */
    private static String uploadUrl(UploadSession session) {
        return ServletUriComponentsBuilder.fromCurrentContextPath()
                .path(UploadsController.PATH)
                .queryParam("authtoken", session.token())
                .buildAndExpand(session.id())
                .toUriString();
    }
}

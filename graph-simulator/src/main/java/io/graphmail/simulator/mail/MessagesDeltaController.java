package io.graphmail.simulator.mail;

import io.graphmail.simulator.auth.AuthenticatedMailbox;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The delta function on a folder's messages; the Graph SDK calls it {@code delta()}, Graph's links {@code delta}. */
@RestController
@RequestMapping("/v1.0")
class MessagesDeltaController {

    private final TrackingMessageChanges tracking;
    private final DeltaJson json;

    MessagesDeltaController(TrackingMessageChanges tracking, DeltaJson json) {
        this.tracking = tracking;
        this.json = json;
    }

    @GetMapping({
        "/me/mailFolders/{folder}/messages/delta",
        "/me/mailFolders/{folder}/messages/delta()",
        "/users/{userId}/mailFolders/{folder}/messages/delta",
        "/users/{userId}/mailFolders/{folder}/messages/delta()"
    })
    ResponseEntity<Map<String, Object>> delta(
            @PathVariable(required = false) String userId,
            @PathVariable String folder,
            @RequestAttribute(AuthenticatedMailbox.ATTRIBUTE) String tokenMailbox,
            @RequestParam Map<String, String> params,
            @RequestHeader HttpHeaders headers,
            HttpServletRequest request) {
        List<String> prefer = Objects.requireNonNullElse(headers.get("Prefer"), List.of());
        DeltaPage page = tracking.page(
                Mailboxes.addressFor(userId, tokenMailbox), Folder.named(folder), DeltaRequest.of(params, prefer));
        var response = ResponseEntity.ok();
        if (page.appliedPageSize() != null) {
            response.header("Preference-Applied", "odata.maxpagesize=" + page.appliedPageSize());
        }
        return response.body(json.page(page, request));
    }
}

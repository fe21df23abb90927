package io.graphmail.simulator.delta;

import io.graphmail.simulator.auth.AuthenticatedMailbox;
import io.graphmail.simulator.mailbox.Folder;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** The delta function on a folder's messages; the Graph SDK calls it {@code delta()}, Graph's links {@code delta}. */
@RestController
@RequestMapping("/v1.0")
class MessagesDeltaController {

    private final TrackingMessageChanges tracking;
    private final DeltaJson json;
    private final JsonMapper mapper;

    MessagesDeltaController(TrackingMessageChanges tracking, DeltaJson json, JsonMapper mapper) {
        this.tracking = tracking;
        this.json = json;
        this.mapper = mapper;
    }

    @GetMapping({
        "/me/mailFolders/{folder}/messages/delta",
        "/me/mailFolders/{folder}/messages/delta()",
        "/users/{userId}/mailFolders/{folder}/messages/delta",
        "/users/{userId}/mailFolders/{folder}/messages/delta()"
    })
    ResponseEntity<byte[]> delta(
            @PathVariable String folder,
            @RequestAttribute(AuthenticatedMailbox.ATTRIBUTE) String mailbox,
            @RequestParam Map<String, String> params,
            @RequestHeader HttpHeaders headers,
            HttpServletRequest request) {
        List<String> prefer = Objects.requireNonNullElse(headers.get("Prefer"), List.of());
        var answer = tracking.answer(
                mailbox,
                Folder.named(folder),
                DeltaRequest.of(params, prefer),
                page -> mapper.writeValueAsBytes(json.page(page, request)));
        var response = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON);
        if (answer.appliedPageSize() != null) {
            response.header("Preference-Applied", "odata.maxpagesize=" + answer.appliedPageSize());
        }
        return response.body(answer.body());
    }
}

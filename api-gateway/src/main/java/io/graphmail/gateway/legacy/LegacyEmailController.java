package io.graphmail.gateway.legacy;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.graphmail.gateway.idempotency.StableIds;
import io.graphmail.gateway.security.ApiClient;
import io.graphmail.gateway.send.Base64Content;
import io.graphmail.gateway.send.SendLimits;
import io.graphmail.gateway.send.SendMailRequest;
import io.graphmail.gateway.send.SubmittingMail;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The original service's endpoints, kept working for its users. A send here takes the same path
 * as {@code POST /api/v1/mail}, from the default account, with an HTML body.
 */
@Tag(name = "Original API", description = "Kept for users of the original service")
@RestController
@RequestMapping("/api/v1/emails")
class LegacyEmailController {

    private final SubmittingMail submittingMail;

    LegacyEmailController(SubmittingMail submittingMail) {
        this.submittingMail = submittingMail;
    }

    /**
     * The single-send size limits (3 MB of inline attachments, 5 MB in all) hold here too, and so do the default
     * account's sending limits (recipients per message, message size).
     */
    @InitBinder("legacySendRequest")
    void rules(WebDataBinder binder) {
        binder.addValidators(new LegacyLimits());
    }

    @Operation(summary = "Send an HTML message to a list of recipients (original shape)")
    @PostMapping("/send")
    ResponseEntity<Map<String, Object>> send(
            @Valid @RequestBody LegacySendRequest legacy,
            @AuthenticationPrincipal ApiClient client,
            HttpServletRequest http) {
        var mail = submittingMail.submit(legacy.toSendMailRequest(), client, StableIds.of(http), "recipients");
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/mail/" + mail.id()))
                .body(Map.of("id", mail.id(), "status", mail.status(), "message", "Email queued for sending"));
    }

    @Operation(summary = "Liveness of the API, as the original service answered it")
    @GetMapping("/health")
    Map<String, String> health() {
        return Map.of("status", "healthy", "service", "graphmail");
    }

    record LegacySendRequest(
            @NotEmpty @Size(max = SendLimits.MAX_RECIPIENTS) List<@NotBlank @Email String> recipients,

            @NotNull @Size(max = 255) String subject,
            @NotNull @Size(max = SendLimits.MAX_BODY_CHARS) String body,
            @Size(max = 10) List<@NotNull @Valid LegacyAttachment> attachments) {

        SendMailRequest toSendMailRequest() {
            return SendMailRequest.plain(
                    null,
                    recipients,
                    List.of(),
                    List.of(),
                    subject,
                    new SendMailRequest.Body("html", body),
                    attachments == null
                            ? List.of()
                            : attachments.stream()
                                    .filter(Objects::nonNull)
                                    .map(a -> new SendMailRequest.Attachment(
                                            a.name(), a.contentType(), a.contentBase64()))
                                    .toList());
        }
    }

    /** Errors land on the original shape's own {@code attachments} and {@code body}. */
    static final class LegacyLimits implements Validator {

        @Override
        public boolean supports(Class<?> type) {
            return LegacySendRequest.class.equals(type);
        }

        @Override
        public void validate(Object target, Errors errors) {
            SendLimits.checkSize(((LegacySendRequest) target).toSendMailRequest(), errors);
        }
    }

    record LegacyAttachment(
            @NotBlank @JsonAlias("filename") String name,

            @NotBlank @JsonAlias({"content_type", "mimeType"})
            String contentType,

            @NotBlank @Base64Content @JsonAlias({"content", "data"})
            String contentBase64) {}
}

package io.graphmail.gateway.send;

import io.graphmail.gateway.idempotency.IdempotentPost;
import io.graphmail.gateway.idempotency.StableIds;
import io.graphmail.gateway.mail.MailRecords;
import io.graphmail.gateway.mail.MailView;
import io.graphmail.gateway.security.ApiClient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Mail", description = "Send messages and follow them")
@RestController
@RequestMapping("/api/v1/mail")
class MailController {

    private final SubmittingMail submittingMail;
    private final MailRecords records;

    MailController(SubmittingMail submittingMail, MailRecords records) {
        this.submittingMail = submittingMail;
        this.records = records;
    }

    @InitBinder("sendMailRequest")
    void rules(WebDataBinder binder) {
        binder.addValidators(new SendLimits());
    }

    @Operation(
            summary = "Send one message",
            description = "Answers 202 once the message is recorded and queued; follow the Location header.")
    @IdempotentPost
    @PostMapping
    ResponseEntity<MailView> send(
            @Valid @RequestBody SendMailRequest sendMailRequest,
            @AuthenticationPrincipal ApiClient client,
            HttpServletRequest http) {
        MailView mail = submittingMail.submit(sendMailRequest, client, StableIds.of(http));
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/mail/" + mail.id()))
                .body(mail);
    }

    @Operation(summary = "Where a message stands")
    @GetMapping("/{id}")
    MailView status(@PathVariable UUID id, @AuthenticationPrincipal ApiClient client) {
        return records.findFor(id, client).map(MailView::of).orElseThrow(() -> new MailNotFound(id));
    }
}

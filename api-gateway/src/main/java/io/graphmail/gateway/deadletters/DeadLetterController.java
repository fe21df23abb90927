package io.graphmail.gateway.deadletters;

import io.graphmail.gateway.mail.MailView;
import io.graphmail.gateway.security.ApiClient;
import io.graphmail.gateway.send.ResendingMail;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Mail", description = "Send messages and follow them")
@RestController
@Validated
@RequestMapping("/api/v1/mail")
class DeadLetterController {

    private final ResendingMail resendingMail;

    DeadLetterController(ResendingMail resendingMail) {
        this.resendingMail = resendingMail;
    }

    @Operation(summary = "Send a FAILED or DEAD_LETTERED message once more")
    @PostMapping("/{id}/retry")
    MailView retry(@PathVariable UUID id, @AuthenticationPrincipal ApiClient client) {
        return resendingMail.retry(id, client);
    }

    @Operation(
            summary = "Send dead-lettered messages once more",
            description = "Optionally only one account's, or those whose reason starts with `reason`"
                    + " (e.g. RETRIES_EXHAUSTED). A client replays its own messages; an admin everyone's. Their"
                    + " copies leave the broker's dead-letter queue, which keeps only what was not replayed.")
    @PostMapping("/dead-letters/replay")
    Map<String, List<UUID>> replay(
            @RequestParam(required = false) String accountId,
            @RequestParam(required = false) String reason,
            @RequestParam(defaultValue = "1000") @Min(1) @Max(10_000) int limit,
            @AuthenticationPrincipal ApiClient client) {
        return Map.of("replayed", resendingMail.replayDeadLetters(accountId, reason, limit, client));
    }
}

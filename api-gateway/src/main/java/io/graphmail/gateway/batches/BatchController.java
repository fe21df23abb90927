package io.graphmail.gateway.batches;

import io.graphmail.gateway.batches.problems.BatchNotFound;
import io.graphmail.gateway.idempotency.IdempotentPost;
import io.graphmail.gateway.idempotency.StableIds;
import io.graphmail.gateway.mail.MailRecord;
import io.graphmail.gateway.mail.MailStatus;
import io.graphmail.gateway.mail.MailView;
import io.graphmail.gateway.paging.Page;
import io.graphmail.gateway.security.ApiClient;
import io.graphmail.gateway.templates.TemplateLimits;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Batches", description = "Many messages in one request, followed and controlled together")
/*
 * Not @Validated: that would validate a submitted batch twice, once by the data binder (@Valid @RequestBody, which
 * runs the BatchRules too) and again, cascading through every item, by the method validation proxy. Spring MVC's own
 * method validation checks the constrained parameters (limit) instead, and leaves the body to the binder.
 */
@RestController
@RequestMapping("/api/v1/mail/batches")
class BatchController {

    private final SubmittingBatch submittingBatch;
    private final ControllingBatches controllingBatches;
    private final Batches batches;
    private final BatchViews views;
    private final TemplateLimits templateLimits;
    private final org.springframework.validation.Validator beanValidation;

    BatchController(
            SubmittingBatch submittingBatch,
            ControllingBatches controllingBatches,
            Batches batches,
            BatchViews views,
            TemplateLimits templateLimits,
            Validator validator) {
        this.submittingBatch = submittingBatch;
        this.controllingBatches = controllingBatches;
        this.batches = batches;
        this.views = views;
        this.templateLimits = templateLimits;
        this.beanValidation = new SpringValidatorAdapter(validator);
    }

    @InitBinder("batchRequest")
    void rules(WebDataBinder binder) {
        binder.addValidators(new BatchRules(templateLimits, beanValidation));
    }

    @Operation(
            summary = "Submit up to 10,000 messages",
            description = "All or nothing: any invalid item rejects the batch with errors naming each item's index."
                    + " The 202 answers the batch's progress with estimatedCompletionAt, when its last message should"
                    + " go out at the account's pacing (a 10,000-message batch at the default 30 a minute takes about"
                    + " five and a half hours).")
    @IdempotentPost
    @PostMapping
    ResponseEntity<BatchView> submit(
            @Valid @RequestBody BatchRequest batchRequest,
            @AuthenticationPrincipal ApiClient client,
            HttpServletRequest http) {
        Batch batch = submittingBatch.submit(batchRequest, client, StableIds.of(http));
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/mail/batches/" + batch.id()))
                .body(view(batch));
    }

    @Operation(summary = "A batch's progress: state, messages by status, the current rate and when it should be done")
    @GetMapping("/{id}")
    BatchView get(@PathVariable String id, @AuthenticationPrincipal ApiClient client) {
        return view(visible(id, client));
    }

    @Operation(
            summary = "A batch's messages, optionally of one status",
            description = "Follow nextCursor with ?after=.")
    @GetMapping("/{id}/messages")
    Page<MailView> messages(
            @PathVariable String id,
            @RequestParam(required = false) MailStatus status,
            @RequestParam(required = false) String after,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
            @AuthenticationPrincipal ApiClient client) {
        visible(id, client);
        return Page.read(limit, count -> batches.messages(id, status, after, count), MailRecord::id)
                .map(MailView::of);
    }

    @Operation(
            summary = "Stop sending the batch's remaining messages until resumed",
            description = "Its messages not yet final count as PAUSED in the answer already.")
    @PostMapping("/{id}/pause")
    BatchView pause(@PathVariable String id, @AuthenticationPrincipal ApiClient client) {
        controllingBatches.pause(visible(id, client).id());
        return get(id, client);
    }

    @Operation(summary = "Send the batch's remaining messages again")
    @PostMapping("/{id}/resume")
    BatchView resume(@PathVariable String id, @AuthenticationPrincipal ApiClient client) {
        controllingBatches.resume(visible(id, client).id());
        return get(id, client);
    }

    @Operation(
            summary = "Never send the batch's remaining messages; they end CANCELLED",
            description = "Every message not yet final is CANCELLED in the answer already, and no worker sends one"
                    + " after it; one Graph accepted while the cancel was under way ends SENT.")
    @PostMapping("/{id}/cancel")
    BatchView cancel(@PathVariable String id, @AuthenticationPrincipal ApiClient client) {
        controllingBatches.cancel(visible(id, client).id());
        return get(id, client);
    }

    /** Another client's batch is not found, so ids tell nothing about what others send. */
    private Batch visible(String id, ApiClient client) {
        return batches.find(id).filter(batch -> client.owns(batch.client())).orElseThrow(() -> new BatchNotFound(id));
    }

    private BatchView view(Batch batch) {
        return views.of(batch);
    }
}

package io.graphmail.gateway.webhooks;

import io.graphmail.gateway.paging.Page;
import io.graphmail.gateway.security.ApiClient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(
        name = "Webhooks",
        description = "Endpoints that receive signed events about the client's mail, batches and accounts")
@RestController
@Validated
@RequestMapping("/api/v1/webhooks")
class WebhooksController {

    private final ManagingWebhooks managing;
    private final ReadingDeliveries reading;

    WebhooksController(ManagingWebhooks managing, ReadingDeliveries reading) {
        this.managing = managing;
        this.reading = reading;
    }

    @Operation(summary = "Register an endpoint; the answer holds its signing secret, shown this once")
    @PostMapping
    ResponseEntity<WebhookView> register(
            @Valid @RequestBody WebhookRequest request, @AuthenticationPrincipal ApiClient client) {
        var view = managing.register(request, client);
        return ResponseEntity.created(URI.create("/api/v1/webhooks/" + view.id()))
                .body(view);
    }

    @Operation(summary = "The client's endpoints")
    @GetMapping
    Page<WebhookView> list(
            @RequestParam(required = false) String after,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
            @AuthenticationPrincipal ApiClient client) {
        return reading.endpoints(client, after, limit);
    }

    @Operation(summary = "An endpoint (without its secret)")
    @GetMapping("/{id}")
    WebhookView get(@PathVariable String id, @AuthenticationPrincipal ApiClient client) {
        return WebhookView.of(managing.find(id, client), null);
    }

    @Operation(summary = "Change an endpoint's URL, events or whether it is enabled")
    @PatchMapping("/{id}")
    WebhookView change(
            @PathVariable String id,
            @Valid @RequestBody WebhookChange change,
            @AuthenticationPrincipal ApiClient client) {
        return managing.change(id, change, client);
    }

    @Operation(summary = "Remove an endpoint; deliveries still pending to it are abandoned")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String id, @AuthenticationPrincipal ApiClient client) {
        managing.remove(id, client);
    }

    @Operation(
            summary = "Give an endpoint a new signing secret (shown this once)",
            description = "The previous secret keeps signing beside the new one for the configured overlap (default"
                    + " 24 hours): each request then carries two v1 signatures, so receivers can switch at leisure.")
    @PostMapping("/{id}/rotate-secret")
    WebhookView rotate(@PathVariable String id, @AuthenticationPrincipal ApiClient client) {
        return managing.rotate(id, client);
    }

    @Operation(summary = "An endpoint's deliveries, newest first")
    @GetMapping("/{id}/deliveries")
    Page<DeliveryView> deliveries(
            @PathVariable String id,
            @RequestParam(required = false) String after,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
            @AuthenticationPrincipal ApiClient client) {
        return reading.deliveries(managing.find(id, client), after, limit);
    }

    @Operation(summary = "Send a delivery's event again (same webhook-id), as a new delivery")
    @PostMapping("/{id}/deliveries/{deliveryId}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    DeliveryView replay(
            @PathVariable String id, @PathVariable String deliveryId, @AuthenticationPrincipal ApiClient client) {
        return reading.replay(managing.find(id, client), deliveryId);
    }
}

package io.graphmail.gateway.suppressions;

import io.graphmail.gateway.paging.Page;
import io.graphmail.gateway.problems.Problems;
import io.graphmail.gateway.security.ApiClient;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The calling client's suppression list: addresses its mail is not sent to. */
@RestController
@RequestMapping("/api/v1/suppressions")
@Validated
class SuppressionsController {

    private final Suppressions suppressions;

    SuppressionsController(Suppressions suppressions) {
        this.suppressions = suppressions;
    }

    record AddSuppression(@NotBlank @Email @Size(max = 320) String address) {}

    @Operation(summary = "List the client's suppressed addresses, by address; pass nextCursor as after")
    @GetMapping
    Page<Suppression> list(
            @RequestParam(required = false) @Size(max = 320) String after,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
            @AuthenticationPrincipal ApiClient client) {
        return Page.read(limit, count -> suppressions.page(client.id(), after, count), Suppression::address);
    }

    @Operation(summary = "Suppress an address for the client (kept once however often added)")
    @PostMapping
    ResponseEntity<Void> add(@Valid @RequestBody AddSuppression request, @AuthenticationPrincipal ApiClient client) {
        boolean added = suppressions.add(client.id(), request.address(), "manual", null, null);
        return ResponseEntity.status(added ? HttpStatus.CREATED : HttpStatus.OK).build();
    }

    @Operation(summary = "Remove an address from the client's suppression list")
    @DeleteMapping("/{address}")
    ResponseEntity<Void> remove(
            @PathVariable @Size(max = 320) String address, @AuthenticationPrincipal ApiClient client) {
        if (!suppressions.remove(client.id(), address)) {
            throw new ErrorResponseException(
                    HttpStatus.NOT_FOUND,
                    Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", "The address is not suppressed"),
                    null);
        }
        return ResponseEntity.noContent().build();
    }
}

package io.graphmail.gateway.security.apikeys;

import io.graphmail.gateway.paging.Page;
import io.graphmail.gateway.problems.Problems;
import io.graphmail.gateway.security.ApiClient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "API keys", description = "Issue and revoke the keys clients call the API with (admin scope)")
@RestController
@Validated
@RequestMapping("/api/v1/keys")
class KeysController {

    private final IssuingKeys issuingKeys;
    private final StoredKeys stored;

    KeysController(IssuingKeys issuingKeys, StoredKeys stored) {
        this.issuingKeys = issuingKeys;
        this.stored = stored;
    }

    @Operation(
            summary = "Issue a key for a client",
            description = "The answer's `key` is the only time the key is shown; graphmail keeps its digest.")
    @PostMapping
    ResponseEntity<KeyView> issue(
            @Valid @RequestBody IssueKeyRequest issueKeyRequest, @AuthenticationPrincipal ApiClient issuer) {
        KeyView key = issuingKeys.issue(issueKeyRequest, issuer);
        return ResponseEntity.created(URI.create("/api/v1/keys/" + key.id())).body(key);
    }

    @Operation(summary = "List issued keys, ordered by id", description = "Follow nextCursor with ?after=.")
    @GetMapping
    Map<String, Object> list(
            @RequestParam(required = false) String after,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        Page<KeyView> page = Page.read(limit, count -> stored.page(after, count), StoredKey::id)
                .map(KeyView::of);
        // This list has always left nextCursor out on its last page, where the others answer null.
        return page.nextCursor() == null
                ? Map.of("items", page.items())
                : Map.of("items", page.items(), "nextCursor", page.nextCursor());
    }

    @Operation(summary = "Revoke a key", description = "Every gateway refuses it within a second.")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable String id) {
        if (!issuingKeys.revoke(id)) {
            throw new KeyNotFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(IssuingKeys.UnknownScope.class)
    ResponseEntity<ProblemDetail> unknownScope(IssuingKeys.UnknownScope e) {
        ProblemDetail problem = Problems.of(
                HttpStatus.BAD_REQUEST, "validation", "Invalid request", "scopes: unknown scope " + e.scope);
        problem.setProperty("errors", List.of(Map.of("field", "scopes", "message", "unknown scope " + e.scope)));
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(KeyNotFound.class)
    ResponseEntity<ProblemDetail> notFound(KeyNotFound e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(Problems.of(HttpStatus.NOT_FOUND, "key-not-found", "API key not found", e.getMessage()));
    }

    static final class KeyNotFound extends RuntimeException {
        KeyNotFound(String id) {
            super("No active API key with id " + id);
        }
    }
}

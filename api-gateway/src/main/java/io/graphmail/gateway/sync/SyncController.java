package io.graphmail.gateway.sync;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.graphmail.gateway.accounts.KnownAccounts;
import io.graphmail.gateway.security.ApiClient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Mailbox sync", description = "Copy what Graph holds into MongoDB, on request and on a schedule")
@RestController
class SyncController {

    private final RequestingSync requestingSync;
    private final KnownAccounts accounts;
    private final MongoTemplate mongo;
    private final Clock clock;

    SyncController(RequestingSync requestingSync, KnownAccounts accounts, MongoTemplate mongo, Clock clock) {
        this.requestingSync = requestingSync;
        this.accounts = accounts;
        this.mongo = mongo;
        this.clock = clock;
    }

    @Operation(
            summary = "Sync an account's mailbox now",
            description = "Publishes a sync command and answers 202 with its run id; GET the same path for progress.")
    @PostMapping("/api/v1/accounts/{id}/sync")
    ResponseEntity<SyncAccepted> sync(
            @PathVariable String id,
            @Valid @RequestBody(required = false) SyncRequest request,
            @AuthenticationPrincipal ApiClient client) {
        accounts.requireUsable(id, client);
        var command = requestingSync.request(id, request == null ? SyncRequest.DEFAULTS : request, "api");
        String statusUrl = "/api/v1/accounts/" + id + "/sync";
        return ResponseEntity.accepted()
                .location(URI.create(statusUrl))
                .body(new SyncAccepted(
                        command.runId(),
                        id,
                        command.folders(),
                        command.mode().name().toLowerCase(Locale.ROOT),
                        statusUrl));
    }

    @Operation(summary = "Each folder's sync state: last run, what it changed, last error, delta state age")
    @GetMapping("/api/v1/accounts/{id}/sync")
    SyncStatusView status(@PathVariable String id, @AuthenticationPrincipal ApiClient client) {
        accounts.requireUsable(id, client);
        var now = clock.instant();
        var folders =
                mongo.find(query(where("accountId").is(id)).with(Sort.by("folder")), FolderSyncStatus.class).stream()
                        .map(state -> SyncStatusView.Folder.of(state, now))
                        .toList();
        return new SyncStatusView(id, folders);
    }
}

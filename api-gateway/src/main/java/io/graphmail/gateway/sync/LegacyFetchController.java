package io.graphmail.gateway.sync;

import io.graphmail.gateway.accounts.AccountDefaults;
import io.graphmail.gateway.accounts.KnownAccounts;
import io.graphmail.gateway.security.ApiClient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The original service's fetch: it read one page of messages into memory. Here it syncs the default
 * account's mailbox into MongoDB, where the query API reads it.
 */
@Tag(name = "Original API", description = "Kept for users of the original service")
@RestController
class LegacyFetchController {

    private final RequestingSync requestingSync;
    private final AccountDefaults accountDefaults;
    private final KnownAccounts accounts;

    LegacyFetchController(RequestingSync requestingSync, AccountDefaults accountDefaults, KnownAccounts accounts) {
        this.requestingSync = requestingSync;
        this.accountDefaults = accountDefaults;
        this.accounts = accounts;
    }

    @Operation(summary = "Sync the default account's mailbox (original endpoint)")
    @GetMapping("/api/v1/emails/fetch")
    ResponseEntity<Map<String, Object>> fetch(@AuthenticationPrincipal ApiClient client) {
        String accountId = accountDefaults.orDefault(null);
        accounts.requireUsable(accountId, client);
        var command = requestingSync.request(accountId, SyncRequest.DEFAULTS, "legacy-fetch");
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/accounts/" + accountId + "/sync"))
                .body(Map.of(
                        "runId",
                        command.runId(),
                        "accountId",
                        accountId,
                        "message",
                        "Mailbox sync started",
                        "messages",
                        "/api/v1/accounts/" + accountId + "/messages"));
    }
}

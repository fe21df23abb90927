package io.graphmail.gateway.accounts;

import io.graphmail.gateway.paging.Page;
import io.graphmail.gateway.security.ApiClient;
import io.graphmail.platform.secrets.SecretAliases;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Accounts", description = "Mailboxes graphmail sends from, and their consent")
@RestController
@Validated
@RequestMapping("/api/v1/accounts")
class AccountsController {

    private final ManagingAccounts managingAccounts;
    private final Accounts accounts;
    private final AccountRules rules;

    AccountsController(ManagingAccounts managingAccounts, Accounts accounts, SecretAliases secretAliases) {
        this.managingAccounts = managingAccounts;
        this.accounts = accounts;
        this.rules = new AccountRules(secretAliases);
    }

    @InitBinder("registerAccountRequest")
    void rules(WebDataBinder binder) {
        binder.addValidators(rules);
    }

    @Operation(
            summary = "Register a mailbox",
            description = "Delegated accounts start PENDING_CONSENT; application accounts ACTIVE.")
    @PostMapping
    ResponseEntity<AccountView> register(
            @Valid @RequestBody RegisterAccountRequest registerAccountRequest,
            @AuthenticationPrincipal ApiClient client) {
        Account account = managingAccounts.register(registerAccountRequest, client);
        return ResponseEntity.created(URI.create("/api/v1/accounts/" + account.id()))
                .body(AccountView.of(account, client));
    }

    @Operation(
            summary = "List accounts, ordered by id",
            description = "Follow nextCursor with ?after= until it is null.")
    @GetMapping
    Page<AccountView> list(
            @RequestParam(required = false) String after,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
            @AuthenticationPrincipal ApiClient client) {
        return Page.read(limit, count -> accounts.page(after, count, client), Account::id)
                .map(account -> AccountView.of(account, client));
    }

    @Operation(summary = "One account and its status")
    @GetMapping("/{id}")
    AccountView get(@PathVariable String id, @AuthenticationPrincipal ApiClient client) {
        return AccountView.of(managingAccounts.usable(id, client), client);
    }

    @Operation(
            summary = "Set the account's sending limits",
            description = "Replaces all of them; an omitted one keeps the default of the account's type. Sends are"
                    + " checked against them at once, the worker's pacing within a second.")
    @PutMapping("/{id}/limits")
    AccountView setLimits(
            @PathVariable String id,
            @Valid @RequestBody SendingLimits limits,
            @AuthenticationPrincipal ApiClient client) {
        return AccountView.of(managingAccounts.setLimits(id, limits, client), client);
    }

    @Operation(
            summary = "Remove an account and its tokens",
            description = "Messages waiting for it fail with ACCOUNT_REMOVED.")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> remove(@PathVariable String id, @AuthenticationPrincipal ApiClient client) {
        managingAccounts.remove(id, client);
        return ResponseEntity.noContent().build();
    }

    @Operation(
            summary = "Start the device code flow",
            description = "Show the user the code and address; the account turns ACTIVE once they consent.")
    @PostMapping("/{id}/consent")
    ConsentView consent(@PathVariable String id, @AuthenticationPrincipal ApiClient client) {
        return managingAccounts.startConsent(id, client);
    }
}

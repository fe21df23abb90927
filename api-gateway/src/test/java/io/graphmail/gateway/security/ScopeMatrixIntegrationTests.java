package io.graphmail.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.gateway.Api;
import io.graphmail.gateway.GatewayAloneTests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Each scope allows exactly its operations: a client holding one scope is refused (403 naming the scope) every
 * documented operation that needs another, and is let through to every one that needs it. The expected scope of
 * each operation is stated here a second time, independently of the gateway's rules, so a rule changed by mistake
 * fails this test; an operation missing from this table fails it too.
 */
@TestPropertySource(
        properties = {
            "graphmail.security.clients.sender.keys=key-mail-send",
            "graphmail.security.clients.sender.scopes=mail:send",
            "graphmail.security.clients.reader.keys=key-mail-read",
            "graphmail.security.clients.reader.scopes=mail:read",
            "graphmail.security.clients.viewer.keys=key-accounts-read",
            "graphmail.security.clients.viewer.scopes=accounts:read",
            "graphmail.security.clients.manager.keys=key-accounts-manage",
            "graphmail.security.clients.manager.scopes=accounts:manage",
            "graphmail.security.clients.archivist.keys=key-mailbox-read",
            "graphmail.security.clients.archivist.scopes=mailbox:read",
            "graphmail.security.clients.hooker.keys=key-webhooks-read",
            "graphmail.security.clients.hooker.scopes=webhooks:read",
            "graphmail.security.clients.hookwriter.keys=key-webhooks-write",
            "graphmail.security.clients.hookwriter.scopes=webhooks:write",
            "graphmail.security.clients.operator.keys=key-admin",
            "graphmail.security.clients.operator.scopes=admin",
            "graphmail.security.clients.nobody.keys=key-no-scope"
        })
class ScopeMatrixIntegrationTests extends GatewayAloneTests {

    /** {@code null}: any authenticated client. */
    private static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("POST /api/v1/mail", "mail:send"),
            Map.entry("GET /api/v1/mail/{id}", "mail:read"),
            Map.entry("POST /api/v1/mail/{id}/retry", "mail:send"),
            Map.entry("POST /api/v1/mail/dead-letters/replay", "mail:send"),
            Map.entry("POST /api/v1/mail/batches", "mail:send"),
            Map.entry("GET /api/v1/mail/batches/{id}", "mail:read"),
            Map.entry("GET /api/v1/mail/batches/{id}/messages", "mail:read"),
            Map.entry("POST /api/v1/mail/batches/{id}/pause", "mail:send"),
            Map.entry("POST /api/v1/mail/batches/{id}/resume", "mail:send"),
            Map.entry("POST /api/v1/mail/batches/{id}/cancel", "mail:send"),
            Map.entry("POST /api/v1/attachments", "mail:send"),
            Map.entry("GET /api/v1/attachments/{id}", "mail:read"),
            Map.entry("POST /api/v1/emails/send", "mail:send"),
            Map.entry("GET /api/v1/emails/fetch", "mailbox:read"),
            Map.entry("GET /api/v1/emails/health", "*"),
            Map.entry("GET /api/v1/accounts", "accounts:read"),
            Map.entry("GET /api/v1/accounts/{id}", "accounts:read"),
            Map.entry("POST /api/v1/accounts", "accounts:manage"),
            Map.entry("DELETE /api/v1/accounts/{id}", "accounts:manage"),
            Map.entry("PUT /api/v1/accounts/{id}/limits", "accounts:manage"),
            Map.entry("POST /api/v1/accounts/{id}/consent", "accounts:manage"),
            Map.entry("POST /api/v1/accounts/{id}/sync", "mailbox:read"),
            Map.entry("GET /api/v1/accounts/{id}/sync", "mailbox:read"),
            Map.entry("GET /api/v1/accounts/{accountId}/messages", "mailbox:read"),
            Map.entry("GET /api/v1/messages/{id}", "mailbox:read"),
            Map.entry("GET /api/v1/messages/{id}/attachments/{attachmentId}", "mailbox:read"),
            Map.entry("POST /api/v1/webhooks", "webhooks:write"),
            Map.entry("GET /api/v1/webhooks", "webhooks:read"),
            Map.entry("GET /api/v1/webhooks/{id}", "webhooks:read"),
            Map.entry("PATCH /api/v1/webhooks/{id}", "webhooks:write"),
            Map.entry("DELETE /api/v1/webhooks/{id}", "webhooks:write"),
            Map.entry("POST /api/v1/webhooks/{id}/rotate-secret", "webhooks:write"),
            Map.entry("GET /api/v1/webhooks/{id}/deliveries", "webhooks:read"),
            Map.entry("POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/replay", "webhooks:write"),
            Map.entry("GET /api/v1/suppressions", "mail:read"),
            Map.entry("POST /api/v1/suppressions", "mail:send"),
            Map.entry("DELETE /api/v1/suppressions/{address}", "mail:send"),
            Map.entry("POST /api/v1/keys", "admin"),
            Map.entry("GET /api/v1/keys", "admin"),
            Map.entry("DELETE /api/v1/keys/{id}", "admin"));

    private static final Map<String, String> KEYS = Map.of(
            "webhooks:read", "key-webhooks-read",
            "webhooks:write", "key-webhooks-write",
            "mail:send", "key-mail-send",
            "mail:read", "key-mail-read",
            "accounts:read", "key-accounts-read",
            "accounts:manage", "key-accounts-manage",
            "mailbox:read", "key-mailbox-read",
            "admin", "key-admin",
            "none", "key-no-scope");

    @Test
    void eachScopeAllowsExactlyItsOperations() {
        var operations = DocumentedOperations.of(api);
        assertThat(operations.stream().map(Object::toString).toList())
                .as("every documented operation has an expected scope here")
                .allMatch(EXPECTED::containsKey);
        List<String> failures = new ArrayList<>();
        for (var operation : operations) {
            String needed = EXPECTED.get(operation.toString());
            for (var key : KEYS.entrySet()) {
                boolean allowed = needed.equals("*")
                        || key.getKey().equals(needed)
                        || key.getKey().equals("admin");
                var answer = new Api(port, key.getValue()).send(operation.method(), concrete(operation.path()), "{}");
                boolean refusedForScope = answer.status() == 403
                        && "https://graphmail.io/problems/missing-scope".equals(answer.text("type"))
                        && needed.equals(answer.text("scope"));
                if (allowed && answer.status() == 403 || !allowed && !refusedForScope) {
                    failures.add("%s as %s: %d %s".formatted(operation, key.getKey(), answer.status(), answer.body()));
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void aClientWithoutScopesIsRefusedEvenWhereAnyClientIsAllowedToSendMail() {
        var answer = new Api(port, "key-no-scope").post("/api/v1/mail", """
                {"to":["ada@example.com"],"subject":"Hi","body":{"contentType":"text","content":"x"}}""");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.text("scope")).isEqualTo("mail:send");
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    }

    /** Path variables as ids no object has: an allowed client then hears 404 (or 400), never 403. */
    private static String concrete(String template) {
        return template.replaceAll("\\{[^}]+}", "00000000-0000-0000-0000-000000000000");
    }
}

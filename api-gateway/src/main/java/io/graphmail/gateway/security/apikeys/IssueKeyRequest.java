package io.graphmail.gateway.security.apikeys;

import io.graphmail.gateway.security.KeyLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A new API key for a client.
 *
 * @param client the client's name; objects it creates are recorded under it
 * @param scopes what the key may do
 * @param accounts accounts it may use besides those its client registers; {@code *} for all
 * @param limits optional rate limits for requests made with this key, instead of its client's
 */
record IssueKeyRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._-]+")
        String client,

        @NotEmpty @Size(max = 10) List<@NotBlank String> scopes,
        @Size(max = 1000) List<@NotBlank @Size(max = 200) String> accounts,
        @Size(max = 500) String description,
        @Valid KeyLimits limits) {

    List<String> accountsOrNone() {
        return accounts == null ? List.of() : accounts;
    }
}

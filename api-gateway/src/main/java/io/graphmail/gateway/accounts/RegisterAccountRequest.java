package io.graphmail.gateway.accounts;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Registers a mailbox. Application accounts need a mailbox and the alias of a configured client secret. */
@Schema(description = "A mailbox to register")
record RegisterAccountRequest(
        @Schema(description = "Chosen id; generated when omitted", example = "sales-team")
        @Pattern(regexp = "[a-z0-9][a-z0-9-]{2,63}", message = "must be 3-64 lowercase letters, digits or dashes")
        String id,

        @Schema(allowableValues = {"delegated", "application"})
        @NotNull
        @Pattern(regexp = "(?i)delegated|application", message = "must be delegated or application")
        String type,

        @Schema(description = "Required for application accounts; learned at consent for delegated ones")
        @Email
        @Size(max = 320)
        String mailbox,

        @Schema(description = "consumers, organizations or a tenant id", example = "consumers")
        @NotBlank
        @Pattern(regexp = "[A-Za-z0-9.-]{1,64}", message = "must be consumers, organizations or a tenant id")
        String tenant,

        @Schema(description = "The Azure app registration's application (client) id") @NotBlank @Size(max = 100)
        String clientId,

        @Schema(
                description = "Application accounts: the alias of a client secret the operator configured"
                        + " (graphmail.accounts.secrets.<alias>)",
                example = "sales")
        @Pattern(
                regexp = "[a-z0-9][a-z0-9-]{0,62}",
                message = "must be the alias of a configured client secret (lowercase letters, digits, dashes)")
        String clientSecretRef,

        @Valid SendingLimits limits) {}

package io.graphmail.gateway.accounts;

import io.graphmail.platform.secrets.SecretAliases;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/** What an application account needs beyond a delegated one, and the lower daily cap of a personal one. */
final class AccountRules implements Validator {

    private final SecretAliases secretAliases;

    AccountRules(SecretAliases secretAliases) {
        this.secretAliases = secretAliases;
    }

    private static boolean isPersonal(RegisterAccountRequest request) {
        return "delegated".equalsIgnoreCase(request.type()) && "consumers".equalsIgnoreCase(request.tenant());
    }

    @Override
    public boolean supports(Class<?> type) {
        return RegisterAccountRequest.class.equals(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        var request = (RegisterAccountRequest) target;
        if (!"application".equalsIgnoreCase(request.type())) {
            if (isPersonal(request)
                    && request.limits() != null
                    && request.limits().exceedsPersonalCap()) {
                errors.rejectValue(
                        "limits.recipientsPerDay", "recipientsPerDay.personal", SendingLimits.PERSONAL_CAP_MESSAGE);
            }
            return;
        }
        if (request.mailbox() == null || request.mailbox().isBlank()) {
            errors.rejectValue("mailbox", "mailbox.required", "is required for application accounts");
        }
        if (request.clientSecretRef() == null) {
            errors.rejectValue("clientSecretRef", "secret.required", "is required for application accounts");
        } else if (!errors.hasFieldErrors("clientSecretRef")
                && !secretAliases.isConfigured(request.clientSecretRef())) {
            errors.rejectValue(
                    "clientSecretRef",
                    "secret.unknown",
                    "names no client secret alias the operator configured (graphmail.accounts.secrets.<alias>)");
        }
    }
}

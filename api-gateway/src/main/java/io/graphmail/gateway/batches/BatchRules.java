package io.graphmail.gateway.batches;

import com.samskivert.mustache.MustacheException;
import io.graphmail.gateway.send.SendLimits;
import io.graphmail.gateway.templates.TemplateLimits;
import io.graphmail.gateway.templates.Templates;
import java.util.List;
import org.hibernate.validator.internal.constraintvalidators.bv.EmailValidator;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * What a batch needs beyond its fields' own constraints: exactly one form, a recipient per item, items within the
 * single-send limits, and a template that compiles within the {@link TemplateLimits}. Errors name the item, e.g.
 * {@code recipients[7]}. Templates are rendered once, when the batch is submitted, not here.
 *
 * <p>A template's recipients are not cascaded into by the bean validation of the request: for up to 10,000 of them
 * that costs more than the rest of the checks together. Their addresses are checked here with the very check
 * {@code @Email} makes, and only a recipient that fails it goes through bean validation, which names its errors as
 * it always did ({@code recipients[7].to[0]}).
 */
final class BatchRules implements Validator {

    private static final EmailValidator EMAIL = new EmailValidator();

    private final TemplateLimits templateLimits;
    private final Validator beanValidation;

    BatchRules(TemplateLimits templateLimits, Validator beanValidation) {
        this.templateLimits = templateLimits;
        this.beanValidation = beanValidation;
    }

    @Override
    public boolean supports(Class<?> type) {
        return BatchRequest.class.equals(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        var batch = (BatchRequest) target;
        if (batch.hasTooManyItems()) {
            return; // the item count is the error; the items are not worth checking
        }
        checkRecipients(batch, errors);
        boolean listed = batch.messages() != null && !batch.messages().isEmpty();
        boolean templated = batch.template() != null;
        if (listed == templated) {
            errors.reject("batch.form", "give either messages or a template with recipients");
            return;
        }
        if (listed) {
            checkListed(batch, errors);
        } else {
            checkTemplated(batch, errors);
        }
    }

    private static void checkListed(BatchRequest batch, Errors errors) {
        for (int i = 0; i < batch.messages().size(); i++) {
            var message = batch.messages().get(i);
            if (message == null) {
                errors.rejectValue("messages[" + i + "]", "item.required", "must not be null");
                continue;
            }
            if (message.needsRecipients() && !message.hasRecipients()) {
                errors.rejectValue(
                        "messages[" + i + "].to", "recipients.required", "at least one recipient is required");
            }
            errors.pushNestedPath("messages[" + i + "]");
            SendLimits.checkRecipients(message.to(), message.cc(), message.bcc(), errors);
            SendLimits.checkSize(message, errors);
            errors.popNestedPath();
        }
    }

    /** Each recipient's own constraints ({@link BatchRequest.Recipient}), whatever the batch's form. */
    private void checkRecipients(BatchRequest batch, Errors errors) {
        if (batch.recipients() == null) {
            return;
        }
        for (int i = 0; i < batch.recipients().size(); i++) {
            var recipient = batch.recipients().get(i);
            if (recipient == null) {
                errors.rejectValue("recipients[" + i + "]", "item.required", "must not be null");
            } else if (!plainlyValid(recipient.to())
                    || !plainlyValid(recipient.cc())
                    || !plainlyValid(recipient.bcc())) {
                errors.pushNestedPath("recipients[" + i + "]");
                beanValidation.validate(recipient, errors);
                errors.popNestedPath();
            }
        }
    }

    /** Within {@code @Size} and every address {@code @NotBlank} (by either reading of blank) and {@code @Email}. */
    private static boolean plainlyValid(List<String> addresses) {
        if (addresses.size() > SendLimits.MAX_RECIPIENTS) {
            return false;
        }
        for (String address : addresses) {
            if (address == null || address.isBlank() || address.trim().isEmpty() || !EMAIL.isValid(address, null)) {
                return false;
            }
        }
        return true;
    }

    private void checkTemplated(BatchRequest batch, Errors errors) {
        if (batch.recipients() == null || batch.recipients().isEmpty()) {
            errors.rejectValue("recipients", "recipients.required", "a template needs recipients");
            return;
        }
        if (batch.template().html() == null && batch.template().text() == null) {
            errors.rejectValue("template", "template.body", "give html, text or both");
            return;
        }
        try {
            new Templates(
                    batch.template().subject(),
                    batch.template().html(),
                    batch.template().text(),
                    templateLimits);
        } catch (MustacheException e) {
            errors.rejectValue("template", "template.syntax", "is not a valid template: " + e.getMessage());
            return;
        }
        for (int i = 0; i < batch.recipients().size(); i++) {
            var recipient = batch.recipients().get(i);
            if (recipient == null) {
                continue; // named by checkRecipients
            }
            if (recipient.to().isEmpty()
                    && recipient.cc().isEmpty()
                    && recipient.bcc().isEmpty()) {
                errors.rejectValue(
                        "recipients[" + i + "].to", "recipients.required", "at least one recipient is required");
            } else {
                errors.pushNestedPath("recipients[" + i + "]");
                SendLimits.checkRecipients(recipient.to(), recipient.cc(), recipient.bcc(), errors);
                errors.popNestedPath();
            }
        }
    }
}

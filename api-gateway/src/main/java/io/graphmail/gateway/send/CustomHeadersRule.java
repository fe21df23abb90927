package io.graphmail.gateway.send;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks {@link CustomHeaders}; each broken rule is reported on the {@code headers} field. */
class CustomHeadersRule implements ConstraintValidator<CustomHeaders, Map<String, String>> {

    static final int MAX_HEADERS = 5;
    static final int MAX_NAME_CHARS = 256;
    static final int MAX_VALUE_CHARS = 1000;

    /** RFC 5322 field names: printable ASCII except the colon; ours start with x-. */
    private static final Pattern NAME = Pattern.compile("[xX]-[!-9;-~]+");

    @Override
    public boolean isValid(Map<String, String> headers, ConstraintValidatorContext context) {
        if (headers == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        boolean valid = true;
        if (headers.size() > MAX_HEADERS) {
            valid = reject(context, "at most " + MAX_HEADERS + " custom headers (Graph's limit)");
        }
        for (var header : headers.entrySet()) {
            String name = header.getKey();
            if (name == null || !NAME.matcher(name).matches() || name.length() > MAX_NAME_CHARS) {
                valid = reject(
                        context,
                        "header name '" + abbreviate(name) + "' must start with x- and be up to " + MAX_NAME_CHARS
                                + " printable ASCII characters without ':'");
            }
            String value = header.getValue();
            if (value == null
                    || value.length() > MAX_VALUE_CHARS
                    || value.chars().anyMatch(c -> c == '\r' || c == '\n')) {
                valid = reject(
                        context,
                        "header '" + abbreviate(name) + "' needs a value of up to " + MAX_VALUE_CHARS
                                + " characters on one line");
            }
        }
        return valid;
    }

    private static boolean reject(ConstraintValidatorContext context, String message) {
        context.buildConstraintViolationWithTemplate(escape(message)).addConstraintViolation();
        return false;
    }

    private static String abbreviate(String name) {
        if (name == null) {
            return "null";
        }
        return name.length() <= 40 ? name : name.substring(0, 40) + "…";
    }

    /** Message templates interpolate {…} and ${…}; a header name is shown as given. */
    private static String escape(String message) {
        return message.replace("\\", "\\\\")
                .replace("{", "\\{")
                .replace("}", "\\}")
                .replace("$", "\\$");
    }
}

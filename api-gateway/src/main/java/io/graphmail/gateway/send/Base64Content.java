package io.graphmail.gateway.send;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A file's bytes as Base64 in the basic alphabet (RFC 4648, no line breaks), which is what the worker decodes; other
 * text could never be sent, so it is refused when the message is submitted.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Base64ContentRule.class)
public @interface Base64Content {

    String message() default "must be Base64 (RFC 4648 basic alphabet, without line breaks)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}

package io.graphmail.gateway.send;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Custom internet message headers as Graph takes them ({@code internetMessageHeaders}): at most
 * {@value CustomHeadersRule#MAX_HEADERS} (Graph refuses more with {@code InvalidInternetMessageHeaderCollection}),
 * each named {@code x-…} in printable ASCII without a colon, names up to
 * {@value CustomHeadersRule#MAX_NAME_CHARS} and values up to {@value CustomHeadersRule#MAX_VALUE_CHARS} characters.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = CustomHeadersRule.class)
@interface CustomHeaders {

    String message() default "custom headers must be named x-…";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}

package io.graphmail.gateway.idempotency;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Documents the {@code Idempotency-Key} header that every POST creating work accepts. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Parameter(
        in = ParameterIn.HEADER,
        name = "Idempotency-Key",
        description = "Makes retries safe for 24 h: the same key and body return the first response;"
                + " another body is 422, a repeat while the first is in progress 409 (with Retry-After);"
                + " a repeat once the lease of a first whose gateway stopped lapsed (30 s by default) resumes it"
                + " with the same ids",
        schema = @Schema(type = "string", maxLength = 255))
public @interface IdempotentPost {}

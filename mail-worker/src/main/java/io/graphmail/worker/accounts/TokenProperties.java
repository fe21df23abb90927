package io.graphmail.worker.accounts;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the worker authenticates to Graph.
 *
 * @param staticToken a bearer token used for every account ({@code GRAPHMAIL_TOKENS_STATIC_TOKEN})
 */
@Validated
@ConfigurationProperties("graphmail.tokens")
record TokenProperties(@NotBlank String staticToken) {}

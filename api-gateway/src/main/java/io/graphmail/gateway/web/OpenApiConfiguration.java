package io.graphmail.gateway.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Declares the API-key bearer scheme so that Swagger UI's "Try it out" sends the key. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String API_KEY = "apiKey";

    @Bean
    OpenAPI graphmailOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("graphmail API")
                        .version("v1")
                        .description("Send and archive email through Microsoft Graph. Errors are RFC 9457"
                                + " application/problem+json.")
                        .license(new License().name("Apache-2.0")))
                .components(
                        new Components()
                                .addSecuritySchemes(
                                        API_KEY,
                                        new SecurityScheme()
                                                .type(SecurityScheme.Type.HTTP)
                                                .scheme("bearer")
                                                .description(
                                                        "An API key (graphmail.security.clients.*, or issued by POST /api/v1/keys) or an OIDC access token")))
                .addSecurityItem(new SecurityRequirement().addList(API_KEY));
    }
}

package io.graphmail.gateway.ratelimits;

import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every operation of the API may answer 429; the API description says so, with the headers that come with it. */
@Configuration(proxyBeanMethods = false)
class RateLimitDocumentation {

    @Bean
    OpenApiCustomizer tooManyRequestsOnEveryOperation() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> {
                if (path.startsWith("/api/")) {
                    item.readOperations()
                            .forEach(operation -> operation.getResponses().addApiResponse("429", tooManyRequests()));
                }
            });
        };
    }

    private static ApiResponse tooManyRequests() {
        return new ApiResponse()
                .description("Over the client's request rate (type rate-limited) or, for sends, its messages per day"
                        + " (type quota-exceeded); nothing was accepted")
                .content(new Content().addMediaType("application/problem+json", new MediaType()))
                .addHeaderObject("Retry-After", header("Seconds to wait before trying again"))
                .addHeaderObject(RateLimitHeaders.POLICY, header("draft-ietf-httpapi-ratelimit-headers: the policy"))
                .addHeaderObject(RateLimitHeaders.STATE, header("draft-ietf-httpapi-ratelimit-headers: what remains"));
    }

    private static Header header(String description) {
        return new Header().description(description).schema(new StringSchema());
    }
}

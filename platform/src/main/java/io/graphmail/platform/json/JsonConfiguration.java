package io.graphmail.platform.json;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What both services' JSON mapper (HTTP bodies and broker messages alike) adds to Boot's. */
@Configuration(proxyBeanMethods = false)
public class JsonConfiguration {

    @Bean
    JsonMapperBuilderCustomizer rfc3339Instants() {
        return builder -> builder.addModule(Rfc3339Instants.module());
    }
}

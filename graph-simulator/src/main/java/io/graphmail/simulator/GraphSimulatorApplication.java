package io.graphmail.simulator;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A stand-in for the Microsoft Graph mail API. Other applications' tests start it through {@link #builder()}, so it
 * reads its own {@code graph-simulator.yml} and never an {@code application.yml} that shares its classpath.
 */
/*
 * Spring Security is the gateway's; when this application shares a JVM and classpath with it (the gateway's
 * integration tests), its auto-configuration must not lock this application's endpoints behind a generated password.
 */
@SpringBootApplication(
        excludeName = {
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration"
        })
@ConfigurationPropertiesScan
public class GraphSimulatorApplication {

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(GraphSimulatorApplication.class)
                .properties("spring.config.name=graph-simulator");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}

package io.graphmail.worker;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

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
public class MailWorkerApplication {

    /** The worker reads {@code mail-worker.yml}, so it can share a classpath with the other apps. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(MailWorkerApplication.class).properties("spring.config.name=mail-worker");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}

package io.graphmail.worker;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
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

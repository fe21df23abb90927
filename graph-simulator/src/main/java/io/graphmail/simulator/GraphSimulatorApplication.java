package io.graphmail.simulator;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A stand-in for the Microsoft Graph mail API. Other applications' tests start it through {@link #builder()}, so it
 * reads its own {@code graph-simulator.yml} and never an {@code application.yml} that shares its classpath.
 */
@SpringBootApplication
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

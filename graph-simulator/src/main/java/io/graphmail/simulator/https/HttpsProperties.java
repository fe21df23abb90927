package io.graphmail.simulator.https;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The HTTPS connector that the identity endpoints need (msal4j only talks to an {@code https} authority).
 *
 * @param httpsPort the port of the HTTPS connector, besides {@code server.port}; 0 picks a free one
 * @param certificateFile where to write the self-signed certificate as PEM at startup, so clients can trust it
 * @param certificateHostnames the host names and IP addresses the certificate is valid for
 */
@Validated
@ConfigurationProperties("graphmail.simulator")
record HttpsProperties(
        @DefaultValue("8443") @Min(0) @Max(65535) int httpsPort,
        Path certificateFile,
        @DefaultValue({"localhost", "127.0.0.1"}) @NotEmpty List<String> certificateHostnames) {}

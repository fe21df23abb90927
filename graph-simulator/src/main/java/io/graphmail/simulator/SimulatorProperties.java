package io.graphmail.simulator;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the simulator.
 *
 * @param staticToken the bearer token accepted on every Graph call, acting as an application token
 * @param defaultMailbox the mailbox that {@code /me} means for the static token
 */
@Validated
@ConfigurationProperties("graphmail.simulator")
public record SimulatorProperties(
        @DefaultValue("sim-token") @NotBlank String staticToken,
        @DefaultValue("me@graphmail.local") @NotBlank String defaultMailbox) {}

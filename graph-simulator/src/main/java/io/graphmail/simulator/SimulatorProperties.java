package io.graphmail.simulator;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the simulator.
 *
 * @param staticToken a bearer token accepted on every Graph call for every mailbox, besides the tokens the identity
 *     endpoints issue; empty accepts issued tokens only
 * @param defaultMailbox the mailbox that {@code /me} means for the static token, and who consents to a device code
 *     when the consent call names nobody
 * @param lenient for demonstrations only: Graph's permission checks, request, attachment and header limits, delta
 *     caps and time-outs, throttling and Exchange's sending limits are all off. Tests and benchmarks run strict, the
 *     default.
 */
@Validated
@ConfigurationProperties("graphmail.simulator")
public record SimulatorProperties(
        @DefaultValue("sim-token") String staticToken,
        @DefaultValue("me@graphmail.local") @NotBlank String defaultMailbox,
        @DefaultValue("false") boolean lenient) {

    public boolean strict() {
        return !lenient;
    }
}

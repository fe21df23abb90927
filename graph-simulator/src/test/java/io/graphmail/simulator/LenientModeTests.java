package io.graphmail.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** {@code graphmail.simulator.lenient=true}, for demonstrations: what a strict simulator refuses goes through. */
@TestPropertySource(properties = "graphmail.simulator.lenient=true")
class LenientModeTests extends SimulatorTests {

    @Test
    void acceptsWhatAStrictSimulatorRefuses() {
        var cases = new LeniencyCases(http);

        assertThat(cases.deliveredOfAMessageTo501()).isEqualTo(1);
        assertThat(cases.sixHeaders().status()).isEqualTo(201);
        assertThat(cases.overFourMegabytes().status()).isEqualTo(201);
        assertThat(cases.sendWithoutMailSend().status()).isEqualTo(202);
        assertThat(cases.secondRequestOfAWindowForOne().status()).isEqualTo(200);
    }
}

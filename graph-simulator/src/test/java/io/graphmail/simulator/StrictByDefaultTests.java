package io.graphmail.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Without configuration the simulator is strict: it refuses what Graph and Exchange refuse. */
class StrictByDefaultTests extends SimulatorTests {

    @Test
    void refusesWhatGraphAndExchangeRefuse() {
        var cases = new LeniencyCases(http);

        assertThat(cases.deliveredOfAMessageTo501()).as("bounced").isZero();
        assertThat(cases.sixHeaders().errorCode()).isEqualTo("InvalidInternetMessageHeaderCollection");
        assertThat(cases.overFourMegabytes().status()).isEqualTo(413);
        assertThat(cases.sendWithoutMailSend().errorCode()).isEqualTo("ErrorAccessDenied");
        assertThat(cases.secondRequestOfAWindowForOne().status()).isEqualTo(429);
    }
}

package io.graphmail.simulator.delta;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.simulator.SimulatorProperties;
import org.junit.jupiter.api.Test;

class DeltaPageLimitTests {

    private static final SimulatorProperties STRICT = new SimulatorProperties("sim-token", "me@graphmail.local", false);

    @Test
    void aPageTimesOutOnlyWhenLargerThanTheLimit() {
        var limit = new DeltaPageLimit(new DeltaProperties(1000), STRICT);

        assertThat(limit.exceededBy(1000)).isFalse();
        assertThat(limit.exceededBy(1001)).isTrue();
    }

    @Test
    void noLimitWhenSwitchedOffAndTheConfiguredOneAfterAReset() {
        var limit = new DeltaPageLimit(new DeltaProperties(1000), STRICT);

        assertThat(limit.set(null).maxPageBytes()).isNull();
        assertThat(limit.exceededBy(Long.MAX_VALUE)).isFalse();
        assertThat(limit.set(-5L).maxPageBytes()).isNull();
        assertThat(limit.set(20L).maxPageBytes()).isEqualTo(20);
        assertThat(limit.reset().maxPageBytes()).isEqualTo(1000);
        assertThat(new DeltaPageLimit(new DeltaProperties(0), STRICT).exceededBy(Long.MAX_VALUE))
                .isFalse();
    }

    @Test
    void aLenientSimulatorNeverTimesOut() {
        var lenient = new SimulatorProperties("sim-token", "me@graphmail.local", true);

        assertThat(new DeltaPageLimit(new DeltaProperties(1000), lenient).exceededBy(1001))
                .isFalse();
        assertThat(new DeltaPageLimit(new DeltaProperties(1000), STRICT).exceededBy(1001))
                .isTrue();
    }
}

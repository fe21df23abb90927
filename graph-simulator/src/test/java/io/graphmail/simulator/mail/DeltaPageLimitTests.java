package io.graphmail.simulator.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeltaPageLimitTests {

    @Test
    void aPageTimesOutOnlyWhenLargerThanTheLimit() {
        var limit = new DeltaPageLimit(new DeltaProperties(1000));

        assertThat(limit.exceededBy(1000)).isFalse();
        assertThat(limit.exceededBy(1001)).isTrue();
    }

    @Test
    void noLimitWhenSwitchedOffAndTheConfiguredOneAfterAReset() {
        var limit = new DeltaPageLimit(new DeltaProperties(1000));

        assertThat(limit.set(null).maxPageBytes()).isNull();
        assertThat(limit.exceededBy(Long.MAX_VALUE)).isFalse();
        assertThat(limit.set(-5L).maxPageBytes()).isNull();
        assertThat(limit.set(20L).maxPageBytes()).isEqualTo(20);
        assertThat(limit.reset().maxPageBytes()).isEqualTo(1000);
        assertThat(new DeltaPageLimit(new DeltaProperties(0)).exceededBy(Long.MAX_VALUE))
                .isFalse();
    }
}

package io.graphmail.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryTierTests {

    @Test
    void picksTheLongestTierNotLongerThanTheDelay() {
        assertThat(RetryTier.forDelay(Duration.ofMillis(10))).isEqualTo(RetryTier.QUARTER_SECOND);
        assertThat(RetryTier.forDelay(Duration.ofMillis(1500))).isEqualTo(RetryTier.ONE_SECOND);
        assertThat(RetryTier.forDelay(Duration.ofSeconds(29))).isEqualTo(RetryTier.FIVE_SECONDS);
        assertThat(RetryTier.forDelay(Duration.ofHours(2))).isEqualTo(RetryTier.TEN_MINUTES);
    }

    @Test
    void namesEachTiersQueueAfterItsDelay() {
        assertThat(RetryTier.QUARTER_SECOND.queue()).isEqualTo("graphmail.mail.send.retry.250ms.v2");
        assertThat(RetryTier.TWO_MINUTES.queue()).isEqualTo("graphmail.mail.send.retry.120s.v2");
        assertThat(RetryTier.FIVE_SECONDS.transactionalQueue())
                .isEqualTo("graphmail.mail.send.transactional.retry.5s.v2");
    }
}

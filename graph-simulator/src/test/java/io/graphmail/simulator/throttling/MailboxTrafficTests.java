package io.graphmail.simulator.throttling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailboxTrafficTests {

    static final boolean SEND = true;
    static final boolean READ = false;

    final MailboxTraffic traffic = new MailboxTraffic();

    @Test
    void admitsUpToMaxConcurrentAndAnotherOnceOneFinishes() {
        var limits = new MailboxLimits(null, 2);

        assertThat(traffic.admit(limits, READ, 0)).isEmpty();
        assertThat(traffic.admit(limits, SEND, 0)).isEmpty();
        assertThat(traffic.admit(limits, READ, 0)).hasValueSatisfying(throttled -> {
            assertThat(throttled.code()).isEqualTo("ApplicationThrottled");
            assertThat(throttled.retryAfterSeconds()).isEqualTo(1);
        });
        traffic.finished();
        assertThat(traffic.admit(limits, READ, 0)).isEmpty();
        assertThat(traffic.stats()).isEqualTo(new MailboxStats(4, 1, 1, 2, 1));
    }

    @Test
    void throttlesSendsBeyondTheLimitUntilTheOldestLeavesTheMinute() {
        var limits = new MailboxLimits(2, null);
        sendAndFinish(limits, 0);
        sendAndFinish(limits, 10_000);

        assertThat(traffic.admit(limits, SEND, 30_000)).hasValueSatisfying(throttled -> {
            assertThat(throttled.code()).isEqualTo("TooManyRequests");
            assertThat(throttled.retryAfterSeconds()).isEqualTo(30);
        });
        assertThat(traffic.admit(limits, SEND, 59_500))
                .hasValueSatisfying(
                        throttled -> assertThat(throttled.retryAfterSeconds()).isEqualTo(1));
        assertThat(traffic.admit(limits, READ, 59_500))
                .as("reads are not sends")
                .isEmpty();
        assertThat(traffic.admit(limits, SEND, 60_000)).isEmpty();
    }

    @Test
    void waitsForEnoughSendsToLeaveWhenTheLimitIsLowered() {
        sendAndFinish(MailboxLimits.NONE, 0);
        sendAndFinish(MailboxLimits.NONE, 1_000);
        sendAndFinish(MailboxLimits.NONE, 2_000);

        assertThat(traffic.admit(new MailboxLimits(1, null), SEND, 3_000))
                .hasValueSatisfying(
                        throttled -> assertThat(throttled.retryAfterSeconds()).isEqualTo(59));
    }

    @Test
    void remembersTheMostSendsWithinAnySlidingMinute() {
        sendAndFinish(MailboxLimits.NONE, 0);
        sendAndFinish(MailboxLimits.NONE, 50_000);
        sendAndFinish(MailboxLimits.NONE, 59_999);
        sendAndFinish(MailboxLimits.NONE, 110_000);
        sendAndFinish(MailboxLimits.NONE, 200_000);

        assertThat(traffic.stats().maxSendsInAnyMinute()).isEqualTo(3);
        assertThat(traffic.stats().sends()).isEqualTo(5);
        assertThat(traffic.stats().maxConcurrentObserved()).isEqualTo(1);
    }

    @Test
    void throttlesNothingWithoutLimits() {
        for (int request = 0; request < 100; request++) {
            assertThat(traffic.admit(MailboxLimits.NONE, SEND, request)).isEmpty();
        }

        assertThat(traffic.stats()).isEqualTo(new MailboxStats(100, 100, 0, 100, 100));
    }

    private void sendAndFinish(MailboxLimits limits, long at) {
        assertThat(traffic.admit(limits, SEND, at)).isEmpty();
        traffic.finished();
    }
}

package io.graphmail.simulator.throttling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailboxTrafficTests {

    static final boolean SEND = true;
    static final boolean READ = false;

    final MailboxTraffic traffic = new MailboxTraffic();

    @Test
    void admitsUpToMaxConcurrentAndAnotherOnceOneFinishes() {
        var limits = new MailboxLimits(null, 2, null, null, null);

        assertThat(traffic.admit(limits, READ, 0)).isEmpty();
        assertThat(traffic.admit(limits, SEND, 0)).isEmpty();
        assertThat(traffic.admit(limits, READ, 0)).hasValueSatisfying(throttled -> {
            assertThat(throttled.code()).isEqualTo("ApplicationThrottled");
            assertThat(throttled.retryAfterSeconds()).isEqualTo(1);
        });
        traffic.finished();
        assertThat(traffic.admit(limits, READ, 0)).isEmpty();
        assertThat(traffic.stats())
                .isEqualTo(new MailboxStats(
                        4, 1, 1, 2, 1, 0, "request while in progress: request (for 0 ms), request (for 0 ms)"));
    }

    @Test
    void namesTheRequestsInProgressWhenOneIsTurnedAwayForConcurrency() {
        var limits = new MailboxLimits(null, 2, null, null, null);
        traffic.admit(limits, WindowLimits.NONE, READ, 0, 1_000, "GET /v1.0/users/a/messages");
        traffic.admit(limits, WindowLimits.NONE, SEND, 0, 1_100, "POST /v1.0/users/a/sendMail");
        traffic.finished("GET /v1.0/users/a/messages");
        traffic.admit(limits, WindowLimits.NONE, READ, 0, 1_200, "GET /v1.0/users/a/mailFolders/inbox");

        assertThat(traffic.admit(limits, WindowLimits.NONE, READ, 0, 1_250, "GET /v1.0/users/a/messages/m"))
                .isPresent();
        assertThat(traffic.stats().lastConcurrencyRefusal())
                .isEqualTo("GET /v1.0/users/a/messages/m while in progress: POST /v1.0/users/a/sendMail (for 150 ms),"
                        + " GET /v1.0/users/a/mailFolders/inbox (for 50 ms)");
    }

    @Test
    void neverThrottlesSendsOverTheMessagesPerMinuteWhichExchangeDeliversLate() {
        var limits = new MailboxLimits(1, null, null, null, null);

        sendAndFinish(limits, 0);
        sendAndFinish(limits, 1_000);

        assertThat(traffic.stats().throttled()).isZero();
        assertThat(traffic.stats().maxSendsInAnyMinute()).isEqualTo(2);
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

        assertThat(traffic.stats()).isEqualTo(new MailboxStats(100, 100, 0, 100, 100, 0, null));
    }

    @Test
    void throttlesTheRequestBeyondTheWindowsLimitUntilTheOldestLeavesIt() {
        var windows = new WindowLimits(3, 10_000, 0, 1);
        requestAndFinish(windows, 0, 0);
        requestAndFinish(windows, 1_000, 0);
        requestAndFinish(windows, 2_000, 0);

        assertThat(traffic.admit(MailboxLimits.NONE, windows, READ, 0, 4_000)).hasValueSatisfying(throttled -> {
            assertThat(throttled.code()).isEqualTo("ApplicationThrottled");
            assertThat(throttled.retryAfterSeconds())
                    .as("until the first leaves the window")
                    .isEqualTo(6);
        });
        assertThat(traffic.admit(MailboxLimits.NONE, windows, SEND, 0, 9_999)).isPresent();
        requestAndFinish(windows, 10_000, 0);
        assertThat(traffic.admit(MailboxLimits.NONE, windows, READ, 0, 10_500))
                .as("three let through within the window again")
                .isPresent();
        assertThat(traffic.stats().throttled()).isEqualTo(3);
    }

    @Test
    void throttlesUploadsBeyondTheWindowsBytesUntilEnoughLeaveIt() {
        var windows = new WindowLimits(0, 1, 1_000, 60_000);
        requestAndFinish(windows, 0, 400);
        requestAndFinish(windows, 10_000, 400);

        assertThat(traffic.admit(MailboxLimits.NONE, windows, READ, 300, 20_000))
                .hasValueSatisfying(throttled -> {
                    assertThat(throttled.code()).isEqualTo("ApplicationThrottled");
                    assertThat(throttled.retryAfterSeconds())
                            .as("until the first upload leaves the window")
                            .isEqualTo(40);
                });
        assertThat(traffic.admit(MailboxLimits.NONE, windows, READ, 0, 20_000))
                .as("requests without a body upload nothing")
                .isEmpty();
        traffic.finished();
        requestAndFinish(windows, 20_000, 200);
        requestAndFinish(windows, 60_000, 300);
        assertThat(traffic.stats().uploadedBytes()).isEqualTo(1_300);
    }

    private void requestAndFinish(WindowLimits windows, long at, long uploadBytes) {
        assertThat(traffic.admit(MailboxLimits.NONE, windows, READ, uploadBytes, at))
                .isEmpty();
        traffic.finished();
    }

    private void sendAndFinish(MailboxLimits limits, long at) {
        assertThat(traffic.admit(limits, SEND, at)).isEmpty();
        traffic.finished();
    }
}

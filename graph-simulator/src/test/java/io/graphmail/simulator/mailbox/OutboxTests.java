package io.graphmail.simulator.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OutboxTests {

    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    static final Duration MINUTE = Duration.ofMinutes(1);
    static final Duration DAY = Duration.ofDays(1);

    final Outbox outbox = new Outbox();

    @Test
    void givesEachMessageOverTheRateTheSlotAMinuteAfterTheOneItsLimitPlacesBack() {
        var limits = new SendingLimits(2, null, null, null);

        var slots = List.of(
                submit(limits, T0),
                submit(limits, T0.plusSeconds(10)),
                submit(limits, T0.plusSeconds(20)),
                submit(limits, T0.plusSeconds(20)),
                submit(limits, T0.plusSeconds(21)));

        assertThat(slots)
                .containsExactly(
                        new Outbox.Delivered(T0),
                        new Outbox.Delivered(T0.plusSeconds(10)),
                        new Outbox.Delivered(T0.plusSeconds(60)),
                        new Outbox.Delivered(T0.plusSeconds(70)),
                        new Outbox.Delivered(T0.plusSeconds(120)));
    }

    @Test
    void deliversAtOnceAgainOnceTheRateHasCaughtUp() {
        var limits = new SendingLimits(1, null, null, null);
        submit(limits, T0);
        submit(limits, T0);

        assertThat(submit(limits, T0.plusSeconds(200))).isEqualTo(new Outbox.Delivered(T0.plusSeconds(200)));
    }

    @Test
    void countsRecipientsOverASlidingDay() {
        var limits = new SendingLimits(null, null, 3, null);
        submit(limits, T0, 2);

        assertThat(submit(limits, T0.plusSeconds(1), 2))
                .isEqualTo(new Outbox.Bounced(NonDelivery.DAILY_RECIPIENT_LIMIT));
        assertThat(submit(limits, T0.plusSeconds(2), 1)).isInstanceOf(Outbox.Delivered.class);
        assertThat(submit(limits, T0.plus(DAY).plusSeconds(1), 2)).isInstanceOf(Outbox.Delivered.class);
    }

    @Test
    void bouncesMoreRecipientsThanOneMessageMayHave() {
        var limits = new SendingLimits(null, 500, null, null);

        assertThat(submit(limits, T0, 501)).isEqualTo(new Outbox.Bounced(NonDelivery.TOO_MANY_RECIPIENTS));
        assertThat(submit(limits, T0, 500)).isInstanceOf(Outbox.Delivered.class);
    }

    private Outbox.Outcome submit(SendingLimits limits, Instant now) {
        return submit(limits, now, 1);
    }

    private Outbox.Outcome submit(SendingLimits limits, Instant now, int recipients) {
        var to = IntStream.range(0, recipients)
                .mapToObj(n -> new Message.Recipient(new Message.EmailAddress(null, "r" + n + "@example.com")))
                .toList();
        var message = new Message(
                null, null, null, null, null, null, null, null, null, "s", null, null, null, null, null, null, null,
                null, null, null, to, null, null, null, null, null, null, null);
        return outbox.submit(message, new Outbox.Rules(limits, MINUTE, DAY, now));
    }
}

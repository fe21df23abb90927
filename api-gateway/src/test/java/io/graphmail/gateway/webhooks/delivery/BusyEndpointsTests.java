package io.graphmail.gateway.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.gateway.webhooks.endpoints.WebhookProperties;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BusyEndpointsTests {

    private final BusyEndpoints busy = new BusyEndpoints(new WebhookProperties(
            false,
            List.of(),
            null,
            Duration.ofSeconds(10),
            16,
            2,
            Duration.ofSeconds(5),
            Duration.ofHours(1),
            Duration.ofHours(24),
            Duration.ofDays(5),
            Duration.ofHours(24),
            Duration.ofDays(30)));

    @Test
    void anEndpointHasItsShareOfSlotsAndNoMore() {
        var first = busy.tryTake("wh_slow");
        var second = busy.tryTake("wh_slow");

        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(busy.tryTake("wh_slow")).isNull();
        assertThat(busy.tryTake("wh_other"))
                .as("another endpoint's slots are its own")
                .isNotNull();

        first.close();
        assertThat(busy.tryTake("wh_slow")).isNotNull();
    }

    @Test
    void aBusyEndpointsDeliveriesWaitAsLongAsItsBacklogTakesAtItsPace() {
        try (var slot = busy.tryTake("wh_slow")) {
            for (int i = 0; i < 8; i++) {
                slot.called(Duration.ofSeconds(3));
            }
        }

        // Two slots: the 1st and 2nd waiting go in the next round, the 3rd and 4th in the one after, ...
        assertThat(busy.deferred("wh_slow")).isBetween(Duration.ofMillis(2_500), Duration.ofSeconds(3));
        assertThat(busy.deferred("wh_slow")).isBetween(Duration.ofMillis(2_500), Duration.ofSeconds(3));
        assertThat(busy.deferred("wh_slow")).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(6));
        for (int i = 0; i < 40; i++) {
            busy.deferred("wh_slow");
        }
        assertThat(busy.deferred("wh_slow")).isEqualTo(BusyEndpoints.LONGEST_WAIT);
        assertThat(busy.waiting("wh_slow")).isEqualTo(44);

        busy.returned("wh_slow");
        assertThat(busy.waiting("wh_slow")).isEqualTo(43);
    }

    @Test
    void aFastEndpointsDeliveriesWaitTheShortestTime() {
        try (var slot = busy.tryTake("wh_fast")) {
            for (int i = 0; i < 20; i++) {
                slot.called(Duration.ofMillis(5));
            }
        }

        assertThat(busy.deferred("wh_fast")).isEqualTo(BusyEndpoints.SHORTEST_WAIT);
    }

    @Test
    void aBacklogNeverCountsBelowNothing() {
        busy.returned("wh_restarted");

        assertThat(busy.waiting("wh_restarted")).isZero();
    }
}

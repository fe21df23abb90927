package io.graphmail.gateway.webhooks.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which of an endpoint's secrets sign a delivery: the newest always, a rotated-out one only until its overlap ends. */
class WebhookSecretsTests {

    private static final Instant ROTATED = Instant.parse("2026-12-06T08:00:00Z");
    private static final Duration OVERLAP = Duration.ofHours(24);

    private final Webhook.Secret fresh = new Webhook.Secret("fresh", null);
    private final Webhook.Secret old = new Webhook.Secret("old", ROTATED.plus(OVERLAP));
    private final Webhook webhook = new Webhook(
            "ep_1",
            "alpha",
            false,
            Set.of(),
            "https://example.com/hook",
            List.of("*"),
            true,
            List.of(fresh, old),
            ROTATED.minus(Duration.ofDays(3)),
            null,
            null);

    @Test
    void bothSecretsSignDuringTheOverlap() {
        assertThat(webhook.signingAt(ROTATED)).containsExactly(fresh, old);
        assertThat(webhook.signingAt(ROTATED.plus(OVERLAP).minusMillis(1))).containsExactly(fresh, old);
    }

    @Test
    void onlyTheNewSecretSignsOnceTheOverlapEnds() {
        assertThat(webhook.signingAt(ROTATED.plus(OVERLAP))).containsExactly(fresh);
        assertThat(webhook.signingAt(ROTATED.plus(Duration.ofDays(30)))).containsExactly(fresh);
    }
}

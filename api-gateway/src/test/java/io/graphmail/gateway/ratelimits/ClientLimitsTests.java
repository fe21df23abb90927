package io.graphmail.gateway.ratelimits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graphmail.gateway.security.ApiClient;
import io.graphmail.gateway.security.KeyLimits;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientLimitsTests {

    private static final RateLimitProperties.Defaults DEFAULTS = new RateLimitProperties.Defaults(50, 100, 100_000);

    @Test
    void aClientWithoutOverridesGetsTheDefaults() {
        var limits = limits(Map.of());

        assertThat(limits.of(client("anyone"))).isEqualTo(new Limits(50, 100, 100_000));
    }

    @Test
    void overridesReplaceTheDefaultsAndZeroKeepsThem() {
        var limits = limits(Map.of("tool", new RateLimitProperties.Overrides(5, 0, 0)));

        assertThat(limits.of(client("tool"))).isEqualTo(new Limits(5, 10, 100_000));
    }

    @Test
    void minusOneLiftsALimit() {
        var limits = limits(Map.of("admin-tool", new RateLimitProperties.Overrides(-1, 0, -1)));

        var adminTool = limits.of(client("admin-tool"));

        assertThat(adminTool.limitsRequests()).isFalse();
        assertThat(adminTool.limitsMessages()).isFalse();
    }

    @Test
    void aKeysOwnLimitsComeBeforeItsClients() {
        var limits = limits(Map.of("tool", new RateLimitProperties.Overrides(5, 5, 10)));
        var key = new ApiClient("tool", Set.of(), Set.of(), new KeyLimits(2L, null, 0L));

        assertThat(limits.of(key)).isEqualTo(new Limits(2, 4, 10));
    }

    @Test
    void refusesAConfigurationBelowMinusOne() {
        assertThatThrownBy(() -> limits(Map.of("broken", new RateLimitProperties.Overrides(0, 0, -5))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("graphmail.security.clients.broken");
    }

    @Test
    void roundsWaitsUpToWholeSeconds() {
        assertThat(RateLimitHeaders.seconds(1)).isEqualTo(1);
        assertThat(RateLimitHeaders.seconds(1_000_000_000L)).isEqualTo(1);
        assertThat(RateLimitHeaders.seconds(1_000_000_001L)).isEqualTo(2);
        assertThat(RateLimitHeaders.seconds(0)).isZero();
    }

    private static ClientLimits limits(Map<String, RateLimitProperties.Overrides> overrides) {
        return new ClientLimits(new RateLimitProperties(DEFAULTS, overrides));
    }

    private static ApiClient client(String id) {
        return new ApiClient(id, Set.of(), Set.of());
    }
}

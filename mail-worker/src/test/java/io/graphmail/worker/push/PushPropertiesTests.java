package io.graphmail.worker.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When push is on, where Graph is told to post, and which base URLs are refused. */
class PushPropertiesTests {

    @Test
    void isOffWithoutABaseUrlOrWithAnEmptyOne() {
        assertThat(properties(null, false).enabled()).isFalse();
        assertThat(properties("  ", false).enabled()).isFalse();
        assertThat(properties("", false).isPublicBaseUrlSecure()).isTrue();
    }

    @Test
    void postsToTheNotificationPathUnderTheBaseUrl() {
        var push = properties("https://mail.example.com/graphmail/", false);

        assertThat(push.enabled()).isTrue();
        assertThat(push.notificationUrl())
                .isEqualTo(URI.create("https://mail.example.com/graphmail/notifications/graph"));
    }

    @Test
    void refusesPlainHttpUnlessAllowedAndAnythingThatIsNoAbsoluteUrl() {
        assertThat(properties("http://gateway:8080", false).isPublicBaseUrlSecure())
                .isFalse();
        assertThat(properties("http://gateway:8080", true).isPublicBaseUrlSecure())
                .isTrue();
        assertThat(properties("mail.example.com", false).isPublicBaseUrlSecure())
                .isFalse();
        assertThat(properties("https://exa mple.com", false).isPublicBaseUrlSecure())
                .isFalse();
    }

    private static PushProperties properties(String baseUrl, boolean allowHttp) {
        return new PushProperties(
                baseUrl,
                allowHttp,
                Duration.ofMinutes(4200),
                Duration.ofHours(24),
                Duration.ofMinutes(1),
                Duration.ofMinutes(15),
                Duration.ofMinutes(15),
                Duration.ofMillis(500),
                Duration.ofSeconds(2));
    }
}

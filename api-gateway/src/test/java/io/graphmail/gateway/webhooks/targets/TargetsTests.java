package io.graphmail.gateway.webhooks.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graphmail.gateway.webhooks.endpoints.WebhookProperties;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TargetsTests {

    private static Targets targets(boolean allowHttp, List<String> allowedHosts) {
        return targets(allowHttp, allowedHosts, new NamedAddresses());
    }

    private static Targets targets(boolean allowHttp, List<String> allowedHosts, NamedAddresses names) {
        return new Targets(
                new WebhookProperties(
                        allowHttp,
                        allowedHosts,
                        null,
                        Duration.ofSeconds(1),
                        1,
                        1,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        Duration.ofHours(1),
                        Duration.ofHours(1),
                        Duration.ofHours(1),
                        Duration.ofDays(1)),
                names);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1/hook",
                "http://169.254.169.254/latest/meta-data",
                "http://10.0.0.1/hook",
                "http://172.16.5.4/hook",
                "http://192.168.1.1/hook",
                "http://100.64.0.1/hook",
                "http://0.0.0.0/hook",
                "http://[::1]/hook",
                "http://[fd00::1]/hook",
                "http://[fe80::1]/hook",
                "http://[::ffff:10.0.0.1]/hook",
                "http://localhost/hook"
            })
    void refusesInternalTargets(String url) {
        assertThatThrownBy(() -> targets(true, List.of()).requireAllowed(URI.create(url)))
                .isInstanceOf(Targets.TargetRefused.class)
                .hasMessageContaining("internal address");
    }

    @Test
    void refusesPlainHttpUnlessAllowed() {
        assertThatThrownBy(() -> targets(false, List.of("127.0.0.1")).requireAllowed(URI.create("http://127.0.0.1/h")))
                .isInstanceOf(Targets.TargetRefused.class)
                .hasMessageContaining("https");
    }

    @Test
    void refusesUserInformationAndOtherSchemes() {
        assertThatThrownBy(() -> targets(true, List.of()).requireAllowed(URI.create("ftp://93.184.215.14/h")))
                .isInstanceOf(Targets.TargetRefused.class);
        assertThatThrownBy(() -> targets(true, List.of()).requireAllowed(URI.create("https://u:p@93.184.215.14/h")))
                .isInstanceOf(Targets.TargetRefused.class);
    }

    @Test
    void allowsPublicAddressesAndTheOperatorsAllowList() {
        assertThatCode(() -> targets(false, List.of()).requireAllowed(URI.create("https://93.184.215.14/hook")))
                .doesNotThrowAnyException();
        assertThatCode(() -> targets(true, List.of("127.0.0.1")).requireAllowed(URI.create("http://127.0.0.1:8080/h")))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource({
        "http://internal.example.test/hook, internal.example.test, 10.0.0.1",
        "https://metadata.example.test/latest/meta-data, metadata.example.test, 169.254.169.254",
        "https://mixed.example.test/hook, mixed.example.test, '93.184.215.14,192.168.0.10'",
        "https://v6.example.test/hook, v6.example.test, fd12::1"
    })
    void refusesAHostNameThatResolvesToAnInternalAddress(String url, String host, String addresses) {
        var names = new NamedAddresses().point(host, addresses.split(","));

        assertThatThrownBy(() -> targets(true, List.of(), names).requireAllowed(URI.create(url)))
                .isInstanceOf(Targets.TargetRefused.class)
                .hasMessageContaining(host)
                .hasMessageContaining("internal address");
    }

    @Test
    void allowsAHostNameThatResolvesToPublicAddressesOnly() {
        var names = new NamedAddresses().point("hooks.example.test", "93.184.215.14", "2606:2800:21f:cb07::1");

        assertThatCode(() ->
                        targets(false, List.of(), names).requireAllowed(URI.create("https://hooks.example.test/h")))
                .doesNotThrowAnyException();
    }

    @Test
    void theDeliveryResolverRefusesANameThatNowResolvesToAnInternalAddress() throws Exception {
        var names = new NamedAddresses().point("rebinding.example.test", "93.184.215.14");
        var targets = targets(false, List.of(), names);
        targets.requireAllowed(URI.create("https://rebinding.example.test/hook"));
        var delivery = new GuardedDnsResolver(targets);
        assertThat(delivery.resolve("rebinding.example.test"))
                .extracting(InetAddress::getHostAddress)
                .containsExactly("93.184.215.14");

        for (String internal : List.of("10.0.0.1", "169.254.169.254", "127.0.0.1")) {
            names.point("rebinding.example.test", internal);

            assertThatThrownBy(() -> delivery.resolve("rebinding.example.test"))
                    .as(internal)
                    .isInstanceOf(UnknownHostException.class)
                    .hasMessageContaining("internal address");
        }
    }
}

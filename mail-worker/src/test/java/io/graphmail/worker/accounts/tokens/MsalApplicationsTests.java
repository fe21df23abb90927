package io.graphmail.worker.accounts.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.worker.accounts.AccountSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MsalApplicationsTests {

    @ParameterizedTest
    @CsvSource({
        "https://login.microsoftonline.com, true",
        "https://LOGIN.MICROSOFTONLINE.US/, true",
        "https://login.chinacloudapi.cn, true",
        "https://127.0.0.1:8443, false",
        "https://graph-simulator:8443/, false",
        "https://login.microsoftonline.com.example.org, false"
    })
    void validatesTheAuthorityAndDiscoversInstancesOnlyOnMicrosoftsHosts(String host, boolean microsoft) {
        var identity = new IdentityProperties(
                URI.create(host),
                null,
                List.of("Mail.Send", "Mail.ReadWrite"),
                List.of("https://graph.microsoft.com/.default"),
                Duration.ofSeconds(10),
                Duration.ofMinutes(5));
        var applications = new MsalApplications(identity, null, null);
        var account = new AccountSettings(
                "ada", AccountSettings.Type.DELEGATED, null, "consumers", "client-1", null, null, null);

        var application = applications.delegated(account);

        assertThat(application.validateAuthority()).isEqualTo(microsoft);
        assertThat(application.instanceDiscovery()).isEqualTo(microsoft);
    }
}

package io.graphmail.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class SecretAliasesTests {

    @Test
    void bindsAliasesFromEnvironmentVariablesAsComposeAndKubernetesSetThem() {
        SecretAliases aliases = bind(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of(
                        "GRAPHMAIL_ACCOUNTS_SECRETS_CONTOSO_FILE", "/run/secrets/graphmail/contoso",
                        "GRAPHMAIL_ACCOUNTS_SECRETS_SALES2_ENV", "SALES_CLIENT_SECRET")));

        assertThat(aliases.secrets()).containsOnlyKeys("contoso", "sales2");
        assertThat(aliases.secrets().get("contoso").file()).isEqualTo(Path.of("/run/secrets/graphmail/contoso"));
        assertThat(aliases.secrets().get("sales2").env()).isEqualTo("SALES_CLIENT_SECRET");
        assertThat(aliases.isConfigured("contoso")).isTrue();
        assertThat(aliases.isConfigured("fabrikam")).isFalse();
        assertThat(aliases.isConfigured(null)).isFalse();
    }

    @Test
    void hasNoAliasesUnlessConfigured() {
        assertThat(bind(new MapPropertySource("none", Map.of())).secrets()).isEmpty();
    }

    @Test
    void refusesAnAliasWithBothOrNeitherSource() {
        assertThatThrownBy(() -> bind(new MapPropertySource(
                        "both",
                        Map.of(
                                "graphmail.accounts.secrets.contoso.env", "A",
                                "graphmail.accounts.secrets.contoso.file", "/a"))))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("exactly one of env, file or certificate-file");
    }

    @Test
    void refusesAnAliasAccountsCouldNotName() {
        assertThatThrownBy(() -> bind(
                        new MapPropertySource("upper", Map.of("graphmail.accounts.secrets.[Sales_Team].env", "A"))))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("lowercase letters, digits or dashes");
    }

    private static SecretAliases bind(PropertySource<?> source) {
        var binder = new Binder(ConfigurationPropertySources.from(source));
        return binder.bindOrCreate("graphmail.accounts", SecretAliases.class);
    }
}

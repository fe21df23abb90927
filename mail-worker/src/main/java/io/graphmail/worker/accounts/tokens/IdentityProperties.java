package io.graphmail.worker.accounts.tokens;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where and how the worker gets tokens from the Microsoft identity platform.
 *
 * @param authorityHost the identity platform's root; an account's authority is this plus its tenant
 * @param trustCertificateFile a PEM certificate to trust for the authority host (a local stand-in's
 *     self-signed certificate); the JVM's trust store when absent
 * @param delegatedScopes what delegated accounts consent to
 * @param applicationScopes what application accounts ask for
 * @param deviceCodeWait how long to wait for the identity platform to issue a device code
 * @param refreshAhead refresh an access token this long before it expires
 */
@Validated
@ConfigurationProperties("graphmail.identity")
record IdentityProperties(
        @NotNull @DefaultValue("https://login.microsoftonline.com")
        URI authorityHost,

        Path trustCertificateFile,

        @NotEmpty @DefaultValue({"Mail.Send", "Mail.ReadWrite"})
        List<String> delegatedScopes,

        @NotEmpty @DefaultValue("https://graph.microsoft.com/.default")
        List<String> applicationScopes,

        @DefaultValue("10s") Duration deviceCodeWait,
        @DefaultValue("5m") Duration refreshAhead) {

    /**
     * The hosts of the Microsoft identity platform in Microsoft's clouds (msal4j trusts the same), where msal4j keeps
     * authority validation and instance discovery on.
     */
    private static final Set<String> MICROSOFT_AUTHORITY_HOSTS = Set.of(
            "login.microsoftonline.com",
            "login.microsoft.com",
            "login.windows.net",
            "sts.windows.net",
            "login.microsoftonline.us",
            "login-us.microsoftonline.com",
            "login.chinacloudapi.cn",
            "login.partner.microsoftonline.cn",
            "login.microsoftonline.de");

    /** Whether the authority is Microsoft's own, rather than a stand-in such as graph-simulator. */
    boolean microsoftAuthority() {
        return authorityHost.getHost() != null
                && MICROSOFT_AUTHORITY_HOSTS.contains(authorityHost.getHost().toLowerCase(Locale.ROOT));
    }

    String authority(String tenant) {
        String host = authorityHost.toString();
        return (host.endsWith("/") ? host : host + "/") + tenant + "/";
    }
}

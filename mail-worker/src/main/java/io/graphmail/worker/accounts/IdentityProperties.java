package io.graphmail.worker.accounts;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    String authority(String tenant) {
        String host = authorityHost.toString();
        return (host.endsWith("/") ? host : host + "/") + tenant + "/";
    }
}

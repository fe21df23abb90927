package io.graphmail.worker.accounts.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.aad.msal4j.IClientCertificate;
import com.microsoft.aad.msal4j.IClientSecret;
import io.graphmail.platform.secrets.SecretAliases;
import io.graphmail.testsupport.TestCertificates;
import io.graphmail.worker.accounts.AccountSettings;
import io.graphmail.worker.accounts.CredentialsUnavailable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientCredentialsTests {

    @TempDir
    Path directory;

    @Test
    void readsAConfiguredSecretFileWithoutItsTrailingNewline() throws Exception {
        Path file = Files.writeString(directory.resolve("secret"), "s3cret\n");

        var credential = credentials("sales", new SecretAliases.Source(null, file, null, null))
                .credentialOf(account("sales"));

        assertThat(credential)
                .isInstanceOfSatisfying(
                        IClientSecret.class,
                        secret -> assertThat(secret.clientSecret()).isEqualTo("s3cret"));
    }

    @Test
    void neverFollowsAPathOrVariableGivenAsTheReference() {
        var credentials = credentials("sales", new SecretAliases.Source("PATH", null, null, null));

        for (String reference : new String[] {"file:/etc/hostname", "env:PATH", "PATH", null}) {
            assertThatThrownBy(() -> credentials.credentialOf(account(reference)))
                    .isInstanceOfSatisfying(
                            CredentialsUnavailable.class,
                            unavailable -> assertThat(unavailable.reason())
                                    .isEqualTo("clientSecretRef names no secret alias configured on this worker"));
        }
    }

    @Test
    void refusesAFileLargerThanSixteenKilobytesAfterReadingNoMoreThanThat() throws Exception {
        Path file = Files.write(directory.resolve("big"), new byte[ClientCredentials.MAX_SECRET_FILE_BYTES + 1]);

        assertUnavailable(
                new SecretAliases.Source(null, file, null, null),
                "the file of secret alias 'sales' is larger than 16384 bytes");
    }

    @Test
    void refusesDevicesDirectoriesAndPipesWithoutOpeningThem() throws Exception {
        Path pipe = directory.resolve("pipe");
        new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor();
        for (Path notAFile : new Path[] {Path.of("/dev/zero"), directory, pipe, directory.resolve("missing")}) {
            long started = System.nanoTime();
            assertUnavailable(
                    new SecretAliases.Source(null, notAFile, null, null),
                    "the file of secret alias 'sales' is missing or not a regular file");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void saysWhichVariableIsMissingByItsAliasOnly() {
        assertUnavailable(
                new SecretAliases.Source("GRAPHMAIL_TEST_SECRET_THAT_IS_NEVER_SET", null, null, null),
                "the environment variable of secret alias 'sales' is not set");
    }

    @Test
    void buildsACertificateCredentialFromAPemKeyAndCertificate() throws Exception {
        Path file = Files.writeString(
                directory.resolve("app.pem"),
                TestCertificates.newCredential("app").keyAndCertificatePem());

        var credential = credentials("sales", new SecretAliases.Source(null, null, file, null))
                .credentialOf(account("sales"));

        assertThat(credential).isInstanceOf(IClientCertificate.class);
    }

    @Test
    void refusesACertificateFileWithoutAPrivateKey() throws Exception {
        Path file = Files.writeString(
                directory.resolve("cert-only.pem"),
                TestCertificates.newCredential("app").certificatePem());

        assertUnavailable(
                new SecretAliases.Source(null, null, file, null),
                "the certificate of secret alias 'sales' cannot be used (IllegalArgumentException)");
    }

    private void assertUnavailable(SecretAliases.Source source, String reason) {
        assertThatThrownBy(() -> credentials("sales", source).credentialOf(account("sales")))
                .isInstanceOfSatisfying(CredentialsUnavailable.class, unavailable -> {
                    assertThat(unavailable.reason()).isEqualTo(reason);
                    assertThat(unavailable.holdReason()).isEqualTo("CREDENTIALS_UNAVAILABLE: " + reason);
                });
    }

    private static ClientCredentials credentials(String alias, SecretAliases.Source source) {
        return new ClientCredentials(new SecretAliases(Map.of(alias, source)));
    }

    private static AccountSettings account(String reference) {
        return new AccountSettings(
                "sales-account",
                AccountSettings.Type.APPLICATION,
                "sales@contoso.com",
                "contoso",
                "client",
                reference,
                null,
                "ACTIVE");
    }
}

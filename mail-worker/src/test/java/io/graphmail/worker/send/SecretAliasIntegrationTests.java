package io.graphmail.worker.send;

import static io.graphmail.contract.MailTopology.COMMANDS_EXCHANGE;
import static io.graphmail.contract.MailTopology.SYNC_ROUTING_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.graphmail.contract.accounts.AccountStatusChanged;
import io.graphmail.contract.send.MailFailed;
import io.graphmail.contract.send.MailSent;
import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.contract.sync.SyncMailboxCommand;
import io.graphmail.testsupport.RunningSimulator;
import io.graphmail.testsupport.TestAccounts;
import io.graphmail.testsupport.TestCertificates;
import io.graphmail.worker.MailWorkerApplication;
import io.graphmail.worker.WorkerTests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Application accounts whose secret alias cannot be read: their mail is parked, the gateway is told
 * why, and the worker goes on sending for every other account.
 */
@SpringBootTest(
        classes = MailWorkerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "spring.config.name=mail-worker",
            "graphmail.worker.retry.initial-backoff=50ms",
            "graphmail.worker.retry.max-attempts=3",
            "graphmail.accounts.credential-check-interval=200ms",
            "graphmail.accounts.secrets.unset.env=GRAPHMAIL_TEST_SECRET_THAT_IS_NEVER_SET",
            "graphmail.accounts.secrets.device.file=/dev/zero"
        })
@ExtendWith(OutputCaptureExtension.class)
class SecretAliasIntegrationTests extends WorkerTests {

    @RegisterExtension
    static final RunningSimulator simulator = RunningSimulator.start();

    static final Path directory = temporaryDirectory();
    static final Path oversizeFile = directory.resolve("oversize");
    static final Path laterFile = directory.resolve("later");
    static final Path certificateFile = directory.resolve("certificate.pem");
    static final Path brokenCertificateFile = directory.resolve("broken.pem");
    static final TestCertificates.Credential certificate = TestCertificates.newCredential("graphmail-test");

    @Autowired
    ConfigurableApplicationContext context;

    EventRecorder events;
    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String workingAccount = "working-" + suffix;
    final String workingMailbox = workingAccount + "@graphmail.local";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        TestAccounts.registerWorker(registry, simulator);
        Files.write(oversizeFile, new byte[1024 * 1024]);
        registry.add("graphmail.accounts.secrets.oversize.file", oversizeFile::toString);
        registry.add("graphmail.accounts.secrets.later.file", laterFile::toString);
        Files.writeString(certificateFile, certificate.keyAndCertificatePem());
        registry.add("graphmail.accounts.secrets.certified.certificate-file", certificateFile::toString);
        Files.writeString(brokenCertificateFile, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        registry.add("graphmail.accounts.secrets.broken.certificate-file", brokenCertificateFile::toString);
    }

    @AfterAll
    static void deleteFiles() throws IOException {
        Files.deleteIfExists(oversizeFile);
        Files.deleteIfExists(laterFile);
        Files.deleteIfExists(certificateFile);
        Files.deleteIfExists(brokenCertificateFile);
        Files.deleteIfExists(directory);
    }

    @BeforeEach
    void accounts() {
        simulator.reset();
        events = EventRecorder.start(rabbit, admin);
        mongo.getCollection("accounts").insertOne(TestAccounts.applicationAccount(workingAccount, workingMailbox));
    }

    @Test
    void parksMailOfAnAccountWhoseSecretVariableIsNotSetAndSendsForOthers(CapturedOutput output) {
        String accountId = accountNaming("unset");
        var command = command(accountId);
        publish(command);

        var status = awaitStatus(accountId, "CREDENTIALS_UNAVAILABLE");
        assertThat(status.reason()).isEqualTo("the environment variable of secret alias 'unset' is not set");
        assertParked(command, events);
        assertThat(output.getAll())
                .contains("WARN")
                .contains("Account " + accountId + " has no usable credentials")
                .doesNotContain("GRAPHMAIL_TEST_SECRET_THAT_IS_NEVER_SET");
        assertStillSendsForAnotherAccount();
    }

    @Test
    void refusesASecretFileLargerThanSixteenKilobytes() {
        String accountId = accountNaming("oversize");
        var command = command(accountId);
        publish(command);

        var status = awaitStatus(accountId, "CREDENTIALS_UNAVAILABLE");
        assertThat(status.reason()).isEqualTo("the file of secret alias 'oversize' is larger than 16384 bytes");
        assertParked(command, events);
        assertStillSendsForAnotherAccount();
    }

    @Test
    void reportsTheCauseOnceNotForEveryMessage(CapturedOutput output) {
        String accountId = accountNaming("oversize");
        var commands = Stream.generate(() -> command(accountId)).limit(6).toList();
        commands.forEach(this::publish);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> mongo.getCollection("parked_commands").countDocuments(Filters.eq("accountId", accountId))
                        == commands.size());
        assertThat(events.statusChanges(accountId))
                .singleElement()
                .satisfies(change -> assertThat(change.status()).isEqualTo("CREDENTIALS_UNAVAILABLE"));
        assertThat(output.getAll()
                        .lines()
                        .filter(line -> line.contains("Account " + accountId + " has no usable credentials")))
                .hasSize(1);
    }

    @Test
    void neverReadsADeviceAsASecretFile() {
        String accountId = accountNaming("device");
        publish(command(accountId));

        var status = awaitStatus(accountId, "CREDENTIALS_UNAVAILABLE");
        assertThat(status.reason()).isEqualTo("the file of secret alias 'device' is missing or not a regular file");
        assertStillSendsForAnotherAccount();
    }

    @Test
    void treatsAnOldPathReferenceAsAnUnknownAlias() {
        String accountId = accountNaming("file:" + oversizeFile);
        publish(command(accountId));

        var status = awaitStatus(accountId, "CREDENTIALS_UNAVAILABLE");
        assertThat(status.reason())
                .isEqualTo("clientSecretRef names no secret alias configured on this worker")
                .doesNotContain(oversizeFile.toString());
        assertStillSendsForAnotherAccount();
    }

    @Test
    void sendsParkedMailOnceTheOperatorProvidesTheSecret() throws IOException {
        String accountId = accountNaming("later");
        String mailbox = accountId + "@graphmail.local";
        var command = command(accountId);
        publish(command);
        awaitStatus(accountId, "CREDENTIALS_UNAVAILABLE");
        assertParked(command, events);
        // What the gateway does with the status change; the check reads it back.
        mongo.getCollection("accounts")
                .updateOne(Filters.eq("_id", accountId), Updates.set("status", "CREDENTIALS_UNAVAILABLE"));

        Files.writeString(laterFile, TestAccounts.CLIENT_SECRET);

        awaitStatus(accountId, "ACTIVE");
        events.awaitOne(MailSent.class, command.commandId());
        assertThat(simulator.sent(mailbox)).hasSize(1);
    }

    @Test
    void sendsWithACertificateCredential() {
        String accountId = accountNaming("certified");
        String clientId = "certified-" + suffix;
        mongo.getCollection("accounts").updateOne(Filters.eq("_id", accountId), Updates.set("clientId", clientId));
        simulator.registerAppWithCertificate(TestAccounts.TENANT, clientId, certificate.certificatePem());
        var command = command(accountId);

        publish(command);

        events.awaitOne(MailSent.class, command.commandId());
        assertThat(simulator.sent(accountId + "@graphmail.local")).hasSize(1);
        assertThat(simulator.tokenRequests()).containsEntry("client_credentials", 1);
    }

    @Test
    void parksMailOfAnAccountWhoseCertificateCannotBeUsed() {
        String accountId = accountNaming("broken");
        var command = command(accountId);
        publish(command);

        var status = awaitStatus(accountId, "CREDENTIALS_UNAVAILABLE");
        assertThat(status.reason()).startsWith("the certificate of secret alias 'broken' cannot be used");
        assertParked(command, events);
        assertStillSendsForAnotherAccount();
    }

    @Test
    void aSyncOfAnAccountWithoutCredentialsFailsCleanlyWithTheCause() {
        String accountId = accountNaming("unset");
        simulator.generateMessages(accountId + "@graphmail.local", "inbox", 3, Map.of());

        rabbit.convertAndSend(
                COMMANDS_EXCHANGE,
                SYNC_ROUTING_KEY,
                new SyncMailboxCommand(
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        accountId,
                        List.of("inbox"),
                        SyncMailboxCommand.Mode.INCREMENTAL,
                        null,
                        Instant.now()));

        var state = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> mongo.getCollection("sync_states")
                                .find(Filters.eq("_id", accountId + ":inbox"))
                                .first(),
                        Objects::nonNull);
        assertThat(state.getString("lastError"))
                .isEqualTo("Account " + accountId
                        + " has no usable credentials: the environment variable of secret alias 'unset' is not set");
        assertThat(mongo.getCollection("messages").countDocuments(Filters.eq("accountId", accountId)))
                .isZero();
        awaitStatus(accountId, "CREDENTIALS_UNAVAILABLE");
        assertStillSendsForAnotherAccount();
    }

    private String accountNaming(String alias) {
        String accountId = "app-" + UUID.randomUUID().toString().substring(0, 8);
        Document account = TestAccounts.applicationAccount(accountId, accountId + "@graphmail.local");
        account.put("clientSecretRef", alias);
        mongo.getCollection("accounts").insertOne(account);
        return accountId;
    }

    private AccountStatusChanged awaitStatus(String accountId, String status) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> events.statusChanges(accountId).stream()
                                .filter(change -> status.equals(change.status()))
                                .findFirst()
                                .orElse(null),
                        Objects::nonNull);
    }

    /** Parked, not failed and not dead-lettered: the failure reported is not permanent and uses no attempt. */
    private void assertParked(SendMailCommand command, EventRecorder recorder) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> mongo.getCollection("parked_commands")
                                .countDocuments(
                                        Filters.eq("_id", command.commandId().toString()))
                        == 1);
        var parked = mongo.getCollection("parked_commands")
                .find(Filters.eq("_id", command.commandId().toString()))
                .first();
        assertThat(parked.getString("reason")).startsWith("CREDENTIALS_UNAVAILABLE: ");
        assertThat(recorder.all(MailFailed.class, command.commandId()))
                .singleElement()
                .satisfies(failed -> {
                    assertThat(failed.permanent()).isFalse();
                    assertThat(failed.reason()).startsWith("CREDENTIALS_UNAVAILABLE: ");
                });
        assertThat(simulator.sent(command.accountId() + "@graphmail.local")).isEmpty();
    }

    private void assertStillSendsForAnotherAccount() {
        assertThat(context.isRunning()).isTrue();
        var command = command(workingAccount);
        publish(command);
        events.awaitOne(MailSent.class, command.commandId());
        assertThat(simulator.sent(workingMailbox)).hasSize(1);
    }

    private static SendMailCommand command(String accountId) {
        return SendMailCommandBuilder.sendMail(accountId)
                .subject("Secret alias")
                .textBody("Hello")
                .build();
    }

    private void publish(SendMailCommand command) {
        SimulatedMailboxTests.publish(rabbit, command);
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("secret-aliases");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

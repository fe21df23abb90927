package io.graphmail.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Accounts and worker settings for tests against the Graph simulator's mail and identity endpoints. */
public final class TestAccounts {

    /** The simulator's default client secret for client credentials. */
    public static final String CLIENT_SECRET = "sim-secret";

    public static final String TENANT = "graphmail-test";
    public static final String CLIENT_ID = "graphmail-test-client";

    /** The secret alias test accounts name; it points at a file holding {@link #CLIENT_SECRET}. */
    public static final String SECRET_ALIAS = "simulator";

    /** A secret alias whose environment variable is never set: accounts naming it have no usable credentials. */
    public static final String UNREADABLE_SECRET_ALIAS = "unreadable";

    private static final Path SECRET_FILE = writeTemp("client-secret", CLIENT_SECRET);

    private TestAccounts() {}

    /** Registers the test backends and a worker's settings against {@code simulator}, for {@code @DynamicPropertySource}. */
    public static void registerWorker(DynamicPropertyRegistry registry, RunningSimulator simulator) {
        TestBackends.register(registry);
        workerProperties(simulator).forEach((name, value) -> registry.add(name, () -> value));
    }

    /**
     * Registers a worker's settings against {@code simulator} and a RabbitMQ vhost of its own, so that workers of
     * contexts earlier tests left running do not take its commands; the test registers its own MongoDB.
     */
    public static void registerIsolatedWorker(DynamicPropertyRegistry registry, RunningSimulator simulator) {
        workerProperties(simulator).forEach((name, value) -> registry.add(name, () -> value));
        registry.add(
                "spring.rabbitmq.addresses",
                () -> TestBackends.isolatedRabbitUri().toString());
    }

    /** Worker properties pointing Graph calls and token requests at the simulator. */
    public static Map<String, String> workerProperties(RunningSimulator simulator) {
        String authority = simulator.identityAuthority(TENANT);
        var properties = new LinkedHashMap<String, String>();
        properties.put("graphmail.graph.base-url", simulator.graphBaseUrl());
        properties.put("graphmail.identity.authority-host", authority.substring(0, authority.indexOf("/" + TENANT)));
        properties.put(
                "graphmail.identity.trust-certificate-file",
                writeTemp("simulator-certificate", simulator.certificatePem()).toString());
        // Unpaced unless a test gives an account limits of its own.
        properties.put("graphmail.worker.pacing.messages-per-minute", "0");
        properties.put("graphmail.worker.pacing.recipients-per-day", "0");
        properties.put("graphmail.worker.pacing.max-concurrent", "0");
        properties.put(
                "graphmail.tokens.encryption-keys",
                "test:" + Base64.getEncoder().encodeToString(new byte[32]));
        properties.putAll(secretAliasProperties());
        return properties;
    }

    /** The secret aliases test accounts use; workers read the secret, gateways only check the alias exists. */
    public static Map<String, String> secretAliasProperties() {
        return Map.of(
                "graphmail.accounts.secrets." + SECRET_ALIAS + ".file",
                SECRET_FILE.toString(),
                "graphmail.accounts.secrets." + UNREADABLE_SECRET_ALIAS + ".env",
                "GRAPHMAIL_TEST_SECRET_THAT_IS_NEVER_SET");
    }

    /** Registers the test secret aliases, for a gateway's {@code @DynamicPropertySource}. */
    public static void registerSecretAliases(DynamicPropertyRegistry registry) {
        secretAliasProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    /** The test secret aliases, as command-line arguments for a gateway. */
    public static String[] secretAliasArguments() {
        return secretAliasProperties().entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
    }

    /** The same, as command-line arguments. */
    public static String[] workerArguments(RunningSimulator simulator) {
        return workerProperties(simulator).entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
    }

    /**
     * Everything a mail worker started beside a test needs: the test's broker, database and simulator, random ports,
     * no JMX, then {@code extraArguments} ({@code --name=value}).
     */
    public static String[] standaloneWorkerArguments(RunningSimulator simulator, String... extraArguments) {
        var arguments = new ArrayList<>(List.of(TestBackends.arguments()));
        arguments.addAll(List.of(workerArguments(simulator)));
        arguments.addAll(List.of("--server.port=0", "--management.server.port=0", "--spring.jmx.enabled=false"));
        arguments.addAll(List.of(extraArguments));
        return arguments.toArray(String[]::new);
    }

    /** The client secret's alias, as an account's {@code clientSecretRef}. */
    public static String clientSecretRef() {
        return SECRET_ALIAS;
    }

    /** An application account as the gateway stores it, for tests that run a worker alone. */
    public static Document applicationAccount(String id, String mailbox) {
        return new Document("_id", id)
                .append("type", "APPLICATION")
                .append("mailbox", mailbox)
                .append("tenant", TENANT)
                .append("clientId", CLIENT_ID)
                .append("clientSecretRef", clientSecretRef())
                .append("status", "ACTIVE");
    }

    /** A delegated account as the gateway stores it before consent. */
    public static Document delegatedAccount(String id) {
        return new Document("_id", id)
                .append("type", "DELEGATED")
                .append("tenant", "consumers")
                .append("clientId", CLIENT_ID)
                .append("status", "PENDING_CONSENT");
    }

    /** JSON to register an application account through the gateway's API. */
    public static String applicationAccountJson(String id, String mailbox) {
        return """
                {"id":"%s","type":"application","mailbox":"%s","tenant":"%s","clientId":"%s","clientSecretRef":"%s"}""".formatted(id, mailbox, TENANT, CLIENT_ID, clientSecretRef());
    }

    /** JSON to register an application account with its own sending limits. */
    public static String applicationAccountJson(String id, String mailbox, int messagesPerMinute, int maxConcurrent) {
        String plain = applicationAccountJson(id, mailbox);
        return plain.substring(0, plain.length() - 1)
                + ",\"limits\":{\"messagesPerMinute\":%d,\"maxConcurrent\":%d}}"
                        .formatted(messagesPerMinute, maxConcurrent);
    }

    private static Path writeTemp(String prefix, String content) {
        try {
            Path file = Files.createTempFile(prefix, ".txt");
            Files.writeString(file, content);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

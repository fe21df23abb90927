package io.graphmail.bench;

import io.graphmail.gateway.GatewayApplication;
import io.graphmail.testsupport.RunningSimulator;
import io.graphmail.testsupport.TestAccounts;
import io.graphmail.testsupport.TestBackends;
import io.graphmail.worker.MailWorkerApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts graphmail's applications inside the benchmark's JVM on 127.0.0.1 and random ports, against the backends
 * {@link TestBackends} picks (locally: a throwaway RabbitMQ virtual host and an in-process mongo-java-server).
 */
final class InProcess {

    static final String API_KEY = "bench-key";

    private InProcess() {}

    static ConfigurableApplicationContext gateway() {
        return gateway(new String[0]);
    }

    /** A gateway with more settings, as {@code --name=value}. */
    static ConfigurableApplicationContext gateway(String... extra) {
        return GatewayApplication.builder().run(arguments(gatewaySettings(extra)));
    }

    /** The bench's API key and the secret alias its application accounts name. */
    private static String[] gatewaySettings(String... extra) {
        var settings = new ArrayList<>(List.of(
                "--graphmail.security.clients.bench.keys=" + API_KEY,
                "--graphmail.security.clients.bench.scopes=admin",
                // The workers here are unpaced unless an account has limits of its own (TestAccounts): the gateway
                // knows it, so that it puts batches of such accounts on the broker whole, as it did before windows.
                "--graphmail.gateway.batches.default-messages-per-minute=0",
                // A benchmark's warm-ups and runs submit more than a client's default 100,000 messages a day.
                "--graphmail.security.rate-limits.messages-per-day=-1"));
        settings.addAll(List.of(TestAccounts.secretAliasArguments()));
        settings.addAll(List.of(extra));
        return settings.toArray(String[]::new);
    }

    /**
     * A worker sending through the simulator, unpaced unless an account has limits of its own; {@code extra} are
     * more settings, as {@code --name=value}.
     */
    static ConfigurableApplicationContext worker(RunningSimulator simulator, String... extra) {
        var settings = new ArrayList<>(List.of(TestAccounts.workerArguments(simulator)));
        settings.addAll(List.of(extra));
        return MailWorkerApplication.builder().run(arguments(settings.toArray(String[]::new)));
    }

    static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static String[] arguments(String... extra) {
        var arguments = new ArrayList<>(List.of(TestBackends.arguments()));
        arguments.addAll(List.of(
                "--server.port=0",
                "--management.server.port=0",
                "--server.address=127.0.0.1",
                "--spring.jmx.enabled=false"));
        arguments.addAll(List.of(extra));
        return arguments.toArray(String[]::new);
    }
}

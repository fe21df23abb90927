package io.graphmail.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A RabbitMQ node of the suite's own (own name, ports, configuration and data directory), so that stopping it touches
 * no other broker on the machine. The installed configuration is not read: it names the default node's listener.
 */
final class BrokerNode {

    private final String node;
    private final int port;
    private final Path directory;
    private final Map<String, String> environment;

    BrokerNode(String name, int port, int distributionPort, Path directory) {
        this.node = name + "@localhost";
        this.port = port;
        this.directory = directory;
        this.environment = Map.of(
                "RABBITMQ_NODENAME", node,
                "RABBITMQ_NODE_PORT", Integer.toString(port),
                "RABBITMQ_DIST_PORT", Integer.toString(distributionPort),
                "RABBITMQ_MNESIA_BASE", directory.resolve("mnesia").toString(),
                "RABBITMQ_LOG_BASE", directory.resolve("log").toString(),
                "RABBITMQ_CONFIG_FILE", directory.resolve("rabbitmq.conf").toString(),
                "RABBITMQ_CONF_ENV_FILE", directory.resolve("rabbitmq-env.conf").toString(),
                "RABBITMQ_ENABLED_PLUGINS_FILE",
                        directory.resolve("enabled_plugins").toString());
    }

    String uri() {
        return "amqp://guest:guest@127.0.0.1:" + port;
    }

    void start() throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("rabbitmq.conf"), "listeners.tcp.local = 127.0.0.1:" + port + "\n");
        Files.writeString(directory.resolve("rabbitmq-env.conf"), "ERL_EPMD_ADDRESS=127.0.0.1\n");
        Files.writeString(directory.resolve("enabled_plugins"), "[].\n");
        // Started as root, the server runs as the rabbitmq user, which must own its directories.
        if ("root".equals(System.getProperty("user.name"))) {
            run(List.of("chown", "-R", "rabbitmq:rabbitmq", directory.toString()));
        }
        run(List.of("rabbitmq-server", "-detached"));
        Waiting.until("RabbitMQ node " + node, Duration.ofSeconds(90), () -> ctl("await_startup", "--timeout", "5"));
    }

    /** Stops the broker application: every connection drops and the port closes; the node keeps its data. */
    void stopApp() {
        if (!ctl("stop_app")) {
            throw new IllegalStateException("rabbitmqctl stop_app failed on " + node);
        }
    }

    /** Starts the application again; retried while the old listener socket is still being released. */
    void startApp() {
        Waiting.until("RabbitMQ application on " + node, Duration.ofSeconds(60), () -> ctl("start_app"));
    }

    void stop() {
        ctl("stop");
    }

    private boolean ctl(String... arguments) {
        var command = new ArrayList<>(List.of("rabbitmqctl", "-n", node));
        command.addAll(List.of(arguments));
        try {
            return run(command) == 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int run(List<String> command) throws IOException {
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        directory.resolve("rabbitmqctl.log").toFile()));
        builder.environment().putAll(environment);
        try {
            return builder.start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}

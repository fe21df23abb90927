package io.graphmail.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * graphmail as scripts/run.sh starts it, every part in its own process on 127.0.0.1: the embedded MongoDB on a file,
 * the Graph simulator, two mail workers and the gateway, against a RabbitMQ node of the suite's own.
 */
public final class Stack implements AutoCloseable {

    private static final String WORKER_DEFAULT_RATE = "--graphmail.worker.pacing.messages-per-minute=";
    private static final String GATEWAY_DEFAULT_RATE = "--graphmail.gateway.batches.default-messages-per-minute=";

    static final String API_KEY = UUID.randomUUID().toString();
    /** The alias of the client secret every account registered against the stack names. */
    public static final String SECRET_ALIAS = "faults";

    /** How long each service may take to start; a heavily loaded machine may need more: {@code -Dstack.startup=600}. */
    private static final Duration STARTUP = Duration.ofSeconds(Long.getLong("stack.startup", 180));
    /**
     * The Graph-faults scenarios answer 15 % of sends with 503. With the workers' default of 5 attempts, 660 messages
     * hold one that meets five in a row (0.15^5 × 660 ≈ 5 %) in about one run in twenty, and it is rightly
     * dead-lettered: a run that fails by chance. With 10 attempts that chance is about 4 in a million.
     */
    private static final String WORKER_MAX_ATTEMPTS = "--graphmail.worker.retry.max-attempts=10";

    /** Small, quick-starting JVMs: the suite restarts services often and measures no speed. */
    private static final List<String> FAULTS_JVM = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final Path root;
    private final List<String> jvmOptions;
    private final Path directory;
    private final Ports ports;
    private final BrokerNode broker;
    private final Service mongo;
    private final Service simulator;
    private final List<Service> workers = new ArrayList<>();
    private final Service gateway;

    Stack(Path root, Path directory, Ports ports, List<String> workerArguments) throws IOException {
        this(root, directory, ports, workerArguments, FAULTS_JVM, 2);
    }

    /**
     * A stack whose services run with {@code jvmOptions} (heap, collector, compiler), with {@code workerCount} mail
     * workers (at most 3: {@link Ports} leaves room for no more).
     */
    public Stack(
            Path root,
            Path directory,
            Ports ports,
            List<String> workerArguments,
            List<String> jvmOptions,
            int workerCount)
            throws IOException {
        this.root = root;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.directory = directory;
        this.ports = ports;
        Files.createDirectories(directory);
        Path secret = Files.writeString(directory.resolve("client-secret"), "sim-secret");
        String tokenKey = "faults:" + Base64.getEncoder().encodeToString(new byte[32]);
        broker = new BrokerNode(
                "graphmail-faults-" + ProcessHandle.current().pid(),
                ports.amqp(),
                ports.rabbitDistribution(),
                directory.resolve("rabbitmq"));
        mongo = new Service(
                "embedded-mongo",
                java(
                        "tools/embedded-mongo/target/embedded-mongo-0.1.0-SNAPSHOT-exec.jar",
                        directory.resolve("mongo.mv").toString(),
                        Integer.toString(ports.mongo())),
                Map.of(),
                log("embedded-mongo"),
                null);
        Path certificate = directory.resolve("simulator-certificate.pem");
        simulator = new Service(
                "graph-simulator",
                java(
                        "graph-simulator/target/graph-simulator-0.1.0-SNAPSHOT-exec.jar",
                        "--server.address=127.0.0.1",
                        "--server.port=" + ports.simulator(),
                        "--graphmail.simulator.https-port=" + ports.simulatorHttps(),
                        "--graphmail.simulator.certificate-file=" + certificate,
                        "--graphmail.simulator.certificate-hostnames=localhost,127.0.0.1",
                        "--graphmail.simulator.identity.default-app-permissions=Mail.Send,Mail.ReadWrite"),
                Map.of(),
                log("graph-simulator"),
                simulatorUrl() + "/actuator/health");
        var shared = new ArrayList<>(List.of(
                "--server.address=127.0.0.1",
                "--management.server.address=127.0.0.1",
                "--spring.rabbitmq.addresses=" + broker.uri(),
                "--spring.mongodb.uri=mongodb://127.0.0.1:" + ports.mongo() + "/graphmail",
                "--graphmail.graph.base-url=" + simulatorUrl() + "/v1.0",
                "--graphmail.identity.authority-host=https://localhost:" + ports.simulatorHttps(),
                "--graphmail.identity.trust-certificate-file=" + certificate,
                "--graphmail.accounts.secrets." + SECRET_ALIAS + ".file=" + secret,
                "--graphmail.tokens.encryption-keys=" + tokenKey,
                "--graphmail.sync.interval=24h"));
        var environment = Map.of("LOG_FORMAT", "text", "TRACING_SAMPLING_PROBABILITY", "0.0");
        for (int i = 0; i < workerCount; i++) {
            var arguments = new ArrayList<>(shared);
            arguments.addAll(List.of(
                    "--server.port=" + ports.worker(i),
                    "--management.server.port=" + ports.workerManagement(i),
                    WORKER_MAX_ATTEMPTS));
            arguments.addAll(workerArguments);
            workers.add(new Service(
                    "mail-worker-" + (i + 1),
                    java("mail-worker/target/mail-worker-0.1.0-SNAPSHOT-exec.jar", arguments.toArray(String[]::new)),
                    environment,
                    log("mail-worker-" + (i + 1)),
                    "http://127.0.0.1:" + ports.workerManagement(i) + "/actuator/health/readiness"));
        }
        var arguments = new ArrayList<>(shared);
        arguments.addAll(List.of(
                "--server.port=" + ports.gateway(),
                "--management.server.port=" + ports.gatewayManagement(),
                "--graphmail.security.clients.operator.keys=" + API_KEY,
                "--graphmail.security.clients.operator.scopes=admin",
                "--graphmail.security.rate-limits.requests-per-second=100000",
                "--graphmail.security.rate-limits.burst=100000",
                "--graphmail.security.rate-limits.messages-per-day=100000000"));
        // The workers' default pacing, as the gateway must know it (in production one variable sets both).
        workerArguments.stream()
                .filter(argument -> argument.startsWith(WORKER_DEFAULT_RATE))
                .forEach(argument ->
                        arguments.add(GATEWAY_DEFAULT_RATE + argument.substring(WORKER_DEFAULT_RATE.length())));
        gateway = new Service(
                "api-gateway",
                java("api-gateway/target/api-gateway-0.1.0-SNAPSHOT-exec.jar", arguments.toArray(String[]::new)),
                environment,
                log("api-gateway"),
                "http://127.0.0.1:" + ports.gatewayManagement() + "/actuator/health/readiness");
    }

    public void start() throws IOException {
        broker.start();
        mongo.start();
        Waiting.until("embedded MongoDB on " + ports.mongo(), STARTUP, () -> Ports.accepts(ports.mongo()));
        simulator.start().awaitHealthy(STARTUP);
        workers.forEach(Service::start);
        gateway.start();
        workers.forEach(worker -> worker.awaitHealthy(STARTUP));
        gateway.awaitHealthy(STARTUP);
    }

    public Http api() {
        return new Http("http://127.0.0.1:" + ports.gateway(), API_KEY);
    }

    public Http simulatorControl() {
        return new Http(simulatorUrl(), null);
    }

    /**
     * The workers' counters whose names start with one of {@code prefixes}, summed over both workers' running
     * processes (a killed worker's counts go with it).
     */
    Map<String, Double> workerCounters(List<String> prefixes) {
        var sums = new TreeMap<String, Double>();
        for (int i = 0; i < workers.size(); i++) {
            Http.text("http://127.0.0.1:" + ports.workerManagement(i) + "/actuator/prometheus")
                    .ifPresent(metrics -> metrics.lines()
                            .filter(line -> prefixes.stream().anyMatch(line::startsWith))
                            .forEach(line -> sums.merge(
                                    line.substring(0, line.lastIndexOf(' ')),
                                    Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)),
                                    Double::sum)));
        }
        return sums;
    }

    Observer observer() {
        return new Observer(ports.mongo());
    }

    BrokerNode broker() {
        return broker;
    }

    public Service worker(int index) {
        return workers.get(index);
    }

    public Service gateway() {
        return gateway;
    }

    public Service simulator() {
        return simulator;
    }

    public Service mongo() {
        return mongo;
    }

    /** Kills the embedded MongoDB; {@link #startMongo()} opens the same file again. */
    void killMongo() {
        mongo.kill();
    }

    void startMongo() {
        mongo.start();
        Waiting.until("embedded MongoDB on " + ports.mongo(), STARTUP, () -> Ports.accepts(ports.mongo()));
    }

    Duration startup() {
        return STARTUP;
    }

    /** Asks every process to stop at once, then the broker node, and kills what is still running after 20 s. */
    @Override
    public void close() {
        var services = new ArrayList<>(List.of(gateway, simulator, mongo));
        services.addAll(workers);
        services.forEach(Service::requestStop);
        broker.stop();
        services.forEach(service -> service.awaitStopped(Duration.ofSeconds(20)));
    }

    private String simulatorUrl() {
        return "http://127.0.0.1:" + ports.simulator();
    }

    private Path log(String name) {
        return directory.resolve(name + ".log");
    }

    private List<String> java(String jar, String... arguments) {
        var command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", root.resolve(jar).toString()));
        command.addAll(List.of(arguments));
        return command;
    }
}

package io.graphmail.bench;

import static io.graphmail.contract.MailTopology.SEND_QUEUE;

import io.graphmail.testsupport.TestAccounts;
import io.graphmail.testsupport.TestBackends;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Memory: the gateway's executable jar in a JVM of its own with {@code -Xmx256m} (against this JVM's throwaway
 * RabbitMQ virtual host and in-process MongoDB) accepts three 10,000-message batches one after another. Reports each
 * answer and the peak heap: sampled from the gateway's metrics, and exact from its GC log (heap used before and left after each GC).
 */
public final class Memory {

    private static final int BATCHES = Integer.getInteger("bench.batches", 3);
    private static final int MESSAGES = Integer.getInteger("bench.messages", 10_000);
    private static final String HEAP = System.getProperty("bench.heap", "256m");
    private static final Path JAR = Path.of(System.getProperty("bench.gatewayJar", "target/api-gateway-exec.jar"));
    private static final Path GC_LOG = Path.of("target/memory-gateway-gc.log");
    private static final Path OUTPUT = Path.of("target/memory-gateway.log");
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private Memory() {}

    public static void main(String[] args) {
        Exit.after(Memory::run);
    }

    private static void run() throws Exception {
        int port = freePort();
        Process gateway = start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::destroy));
        var table = new Table(
                "Memory: gateway with -Xmx%s, %d batches of %,d messages".formatted(HEAP, BATCHES, MESSAGES),
                "batch",
                "status",
                "seconds",
                "msg/s");
        boolean allAccepted = true;
        double sampledPeak;
        try (var broker = new RawBroker(TestBackends.rabbitUri())) {
            var api = new GatewayClient(port);
            if (!Waiting.until(() -> ready(api, gateway), Duration.ofSeconds(120), Duration.ofMillis(500))) {
                throw new IllegalStateException("the gateway did not start; see " + OUTPUT);
            }
            String accountId = Batches.accountId("memory");
            api.registerAccount(TestAccounts.applicationAccountJson(accountId, Batches.mailbox(accountId)));
            String batch = Batches.template(accountId, MESSAGES);
            var heap = HeapSampler.start(api);
            for (int i = 1; i <= BATCHES; i++) {
                long start = System.nanoTime();
                int status = api.post("/api/v1/mail/batches", batch).statusCode();
                long elapsed = System.nanoTime() - start;
                broker.purge(SEND_QUEUE);
                allAccepted &= status == 202;
                table.row(i, status, Table.seconds(elapsed), Table.rate(Table.perSecond(MESSAGES, elapsed)));
            }
            sampledPeak = heap.stop();
            allAccepted &= ready(api, gateway);
        } finally {
            gateway.destroy();
            if (!gateway.waitFor(30, TimeUnit.SECONDS)) {
                gateway.destroyForcibly();
            }
        }
        table.print();
        long[] gc = peakFromGcLog();
        System.out.printf(
                "Peak heap used, sampled every 100 ms from jvm.memory.used{area=heap}: %.0f MB%n",
                sampledPeak / (1 << 20));
        System.out.printf(
                "From the GC log: peak heap used before a GC %d MB, most left after a GC %d MB, committed at most %d MB,"
                        + " %d GCs%n",
                gc[0], gc[1], gc[2], gc[3]);
        System.out.printf(
                "Target: every batch 202 with -Xmx%s, gateway still healthy: %s%n", HEAP, Table.verdict(allAccepted));
    }

    private static Process start(int port) throws IOException {
        Files.createDirectories(GC_LOG.getParent());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<>(List.of(
                java,
                "-Xmx" + HEAP,
                "-Xlog:gc:file=" + GC_LOG,
                "-jar",
                JAR.toString(),
                "--server.port=" + port,
                // Actuator on the API port: the bench samples the heap through the one client it has.
                "--management.server.port=" + port,
                "--server.address=127.0.0.1",
                "--spring.rabbitmq.addresses=" + TestBackends.rabbitUri(),
                "--spring.mongodb.uri=" + TestBackends.mongoUri(),
                "--graphmail.security.clients.bench.keys=" + InProcess.API_KEY,
                "--graphmail.security.clients.bench.scopes=admin",
                // No workers' pacing to follow: batches go on the broker whole, as before windows.
                "--graphmail.gateway.batches.default-messages-per-minute=0",
                "--management.endpoints.web.exposure.include=health,metrics",
                "--logging.level.root=WARN",
                "--spring.jmx.enabled=false"));
        // The account the benchmark registers names the secret alias its worker-side settings define.
        command.addAll(List.of(TestAccounts.secretAliasArguments()));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(OUTPUT.toFile())
                .start();
    }

    private static boolean ready(GatewayClient api, Process gateway) {
        if (!gateway.isAlive()) {
            throw new IllegalStateException("the gateway exited with " + gateway.exitValue() + "; see " + OUTPUT);
        }
        try {
            return api.get("/actuator/health").statusCode() == 200;
        } catch (IllegalStateException notYetListening) {
            return false;
        }
    }

    /** {most MB used before a GC, most MB left after a GC, largest committed heap MB, number of GCs}. */
    private static long[] peakFromGcLog() throws IOException {
        long[] peak = new long[4];
        for (String line : Files.readAllLines(GC_LOG)) {
            var matcher = GC_LINE.matcher(line);
            if (matcher.find()) {
                for (int i = 0; i < 3; i++) {
                    peak[i] = Math.max(peak[i], Long.parseLong(matcher.group(i + 1)));
                }
                peak[3]++;
            }
        }
        return peak;
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

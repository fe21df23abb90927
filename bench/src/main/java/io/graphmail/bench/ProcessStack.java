package io.graphmail.bench;

import io.graphmail.faults.Ports;
import io.graphmail.faults.Stack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The services of the process benchmarks, each in a JVM of its own, started from the executable jars under
 * {@code bench.root}, on ports from {@code BENCH_PORT_BASE}, with the JVM options of {@code bench.jvm} (and a JFR
 * recording each with {@code bench.jfr}), logs in a run directory of their own; stopped when this JVM exits.
 */
record ProcessStack(Stack stack, Ports ports) {

    /** Unpaced workers, which the gateway must know of too: otherwise it publishes a batch a minute of sends at a time. */
    /**
     * Each worker's bulk consumers ({@code graphmail.worker.concurrency}), and the plain pipeline's per worker:
     * {@code bench.consumersPerWorker}, the workers' default of 4 unless set.
     */
    static final int CONSUMERS_PER_WORKER = Integer.getInteger("bench.consumersPerWorker", 4);

    static final List<String> UNPACED = List.of(
            "--graphmail.worker.pacing.messages-per-minute=0",
            "--graphmail.worker.pacing.recipients-per-day=0",
            "--graphmail.worker.pacing.max-concurrent=0",
            "--graphmail.worker.concurrency=" + CONSUMERS_PER_WORKER);

    /** @param runName how the run directory's name ends, after its time */
    static ProcessStack start(String runName, int workers) throws Exception {
        Path root =
                Path.of(System.getProperty("bench.root", "..")).toAbsolutePath().normalize();
        Path directory = root.resolve("bench/target/runs/"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + runName);
        var ports = new Ports(Integer.parseInt(System.getenv().getOrDefault("BENCH_PORT_BASE", "29000")));
        ports.requireFree();
        var jvm = new ArrayList<>(
                List.of(System.getProperty("bench.jvm", "-Xmx512m").trim().split("\\s+")));
        // -Dbench.jfr=<directory>: every service records a JFR profile there, named after its pid, written on exit.
        String jfr = System.getProperty("bench.jfr");
        if (jfr != null) {
            Files.createDirectories(Path.of(jfr));
            jvm.add("-XX:StartFlightRecording=settings=profile,filename="
                    + Path.of(jfr).toAbsolutePath() + "/");
        }
        System.out.printf("Services' JVM options: %s; logs in %s%n", jvm, directory);
        var stack = new Stack(root, directory, ports, UNPACED, jvm, workers);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        stack.start();
        return new ProcessStack(stack, ports);
    }

    /** Registers an application account of the simulator's tenant (201), whose secret the stack holds. */
    void registerAccount(String accountId) {
        int status = stack.api()
                .post(
                        "/api/v1/accounts",
                        """
                        {"id":"%s","type":"application","mailbox":"%s","tenant":"graphmail-faults",\
                        "clientId":"graphmail-faults","clientSecretRef":"%s"}""".formatted(accountId, Batches.mailbox(accountId), Stack.SECRET_ALIAS),
                        null)
                .map(response -> response.statusCode())
                .orElse(0);
        if (status != 201) {
            throw new IllegalStateException("registering " + accountId + " answered " + status);
        }
    }
}

package io.graphmail.bench;

import static io.graphmail.contract.MailTopology.COMMANDS_EXCHANGE;
import static io.graphmail.contract.MailTopology.SEND_ROUTING_KEY;

import io.graphmail.faults.Service;
import io.graphmail.faults.Stack;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bulk pipeline with every service in a process of its own (the fault suite's {@link Stack}: embedded MongoDB,
 * Graph simulator, workers, gateway, a RabbitMQ node of its own): one template batch (5,000 by default, limits off)
 * from the POST until the gateway reports all of it SENT, with two workers and then one ({@code bench.workerCounts}); right after each, the plain
 * pipeline ({@link PlainPipeline}) delivers copies of the very same commands, with as many consumers. Prints delivered
 * msg/s, the ratio, and CPU seconds per 1,000 delivered messages of every process, read from /proc.
 */
public final class ProcessPipeline {

    private static final int MESSAGES = Integer.getInteger("bench.messages", 5_000);
    /**
     * Messages sent each way before anything is timed. Tens of thousands: the services' JIT compilers still take as much
     * CPU as the work itself after a few hundred, and a sixth of the machine after 10,000 (C2 compiles a method once it
     * has run some 15,000 times, and a message runs many methods once), which a service running for hours no longer
     * pays; after 20,000 they take a few tenths of a CPU second in a timed run.
     */
    private static final int WARM_UP = Integer.getInteger("bench.warmup", 20_000);

    /**
     * Messages each side sends, untimed, right before its timed run. Whichever side runs second after the warm-up
     * otherwise inherits a simulator whose JIT compiled for the other side's requests last, and pays for compiling them
     * again inside its own window (2.3-3.0 CPU s measured); each side's copies go to a queue of their own, so that an
     * untimed run never takes a copy of a timed one. Zero runs them as before.
     */
    private static final int REWARM = Integer.getInteger("bench.rewarm", MESSAGES / 5);

    private static final int LARGEST_BATCH = 10_000;
    /** The quiet window, after the warm-up and before each run, over which every process's idle CPU rate is read. */
    private static final Duration IDLE = Duration.ofSeconds(Integer.getInteger("bench.idleSeconds", 30));
    /** The worker counts to measure, in order; the stack starts the most of them and stops workers between. */
    private static final List<Integer> WORKER_COUNTS = Arrays.stream(
                    System.getProperty("bench.workerCounts", "2,1").split(","))
            .map(String::trim)
            .map(Integer::valueOf)
            .sorted(Comparator.reverseOrder())
            .toList();
    /** mail-worker.yml: graphmail.worker.concurrency. */
    private static final int CONSUMERS_PER_WORKER = ProcessStack.CONSUMERS_PER_WORKER;

    private static final double TARGET_MS = 2.5;
    private static final double TARGET_RATIO = 0.6;

    private ProcessPipeline() {}

    public static void main(String[] args) {
        Exit.after(ProcessPipeline::run);
    }

    private static void run() throws Exception {
        var started = ProcessStack.start("", WORKER_COUNTS.get(0));
        try (var stack = started.stack()) {
            System.out.println("Services' pids: " + processes(stack, WORKER_COUNTS.get(0)));
            measure(started);
        }
    }

    private static void measure(ProcessStack started) throws Exception {
        var stack = started.stack();
        var ports = started.ports();
        var simulator = new SimulatorAccess(ports.simulator());
        simulator.windowsOff();
        URI amqp = URI.create("amqp://guest:guest@127.0.0.1:" + ports.amqp());
        try (var broker = new RawBroker(amqp);
                var plain = new PlainPipeline(
                        amqp,
                        ports.mongo(),
                        simulator.graphBase(),
                        simulator.token("graphmail-faults", "sim-secret"),
                        WORKER_COUNTS.get(0) * CONSUMERS_PER_WORKER)) {
            String copies = broker.declareQueue();
            String rewarmCopies = broker.declareQueue();
            broker.bind(copies, COMMANDS_EXCHANGE, SEND_ROUTING_KEY);
            var batch = new StackBatch(started, simulator);
            var report = new CpuReport(MESSAGES, TARGET_MS);
            int most = WORKER_COUNTS.get(0);
            System.out.printf(
                    "Warm-up: %,d messages each way, %d worker(s), and %,d more each way right before each side's"
                            + " timed run (load %s)%n",
                    WARM_UP, most, REWARM, ProcessCpu.loadAverage());
            // In batches of at most 10,000, the most one batch may hold.
            for (int left = WARM_UP; left > 0; left -= LARGEST_BATCH) {
                batch.send(Math.min(left, LARGEST_BATCH), processes(stack, most));
            }
            plain.run(copies, WARM_UP, most * CONSUMERS_PER_WORKER);
            boolean met = true;
            int running = most;
            for (int workers : WORKER_COUNTS) {
                for (; running > workers; running--) {
                    stack.worker(running - 1).requestStop();
                    stack.worker(running - 1).awaitStopped(Duration.ofSeconds(30));
                }
                var idle = ProcessCpu.idleRates(processes(stack, workers), IDLE);
                rewarm(broker, batch, copies, rewarmCopies, processes(stack, workers));
                var ours = batch.send(MESSAGES, processes(stack, workers));
                System.out.printf(
                        "%d worker(s): %,d commands on graphmail.commands (the gateway's and the workers' delayed"
                                + " copies) for %,d messages%n",
                        workers, broker.depth(copies), MESSAGES);
                if (REWARM > 0) {
                    plain.run(rewarmCopies, REWARM, workers * CONSUMERS_PER_WORKER);
                }
                var baseline = plainWindow(stack, plain, copies, workers);
                met &= report.add(workers, ours, idle, baseline, TARGET_RATIO);
            }
            var origins = plain.origins();
            for (String queue : List.of(copies, rewarmCopies)) {
                broker.drain(queue, origins);
                broker.delete(queue);
            }
            report.print();
            System.out.println("Plain pipeline: " + plain.anomalies());
            System.out.printf(
                    "Commands the gateway published: %,d for %,d messages (warm-up and runs); copies back from the"
                            + " workers' delay queues: %,d%n",
                    origins.published(), WARM_UP + WORKER_COUNTS.size() * (REWARM + MESSAGES), origins.returned());
            System.out.printf(
                    "Targets: pipeline >= %.1f x plain, gateway + worker <= %.1f ms CPU per message: %s%n",
                    TARGET_RATIO, TARGET_MS, Table.verdict(met));
        }
    }

    /** graphmail's untimed run, its copies sent to a queue of their own for the plain loop's. */
    private static void rewarm(
            RawBroker broker, StackBatch batch, String copies, String rewarmCopies, Map<String, Long> processes)
            throws Exception {
        if (REWARM == 0) {
            return;
        }
        broker.unbind(copies, COMMANDS_EXCHANGE, SEND_ROUTING_KEY);
        broker.bind(rewarmCopies, COMMANDS_EXCHANGE, SEND_ROUTING_KEY);
        try {
            batch.send(REWARM, processes);
        } finally {
            broker.unbind(rewarmCopies, COMMANDS_EXCHANGE, SEND_ROUTING_KEY);
            broker.bind(copies, COMMANDS_EXCHANGE, SEND_ROUTING_KEY);
        }
    }

    private static Window plainWindow(Stack stack, PlainPipeline plain, String copies, int workers) throws Exception {
        var pids = new LinkedHashMap<String, Long>();
        pids.put("plain loop (bench JVM)", ProcessHandle.current().pid());
        pids.put("graph-simulator", stack.simulator().pid());
        pids.put("embedded-mongo", stack.mongo().pid());
        String load = ProcessCpu.loadAverage();
        var before = new LinkedHashMap<String, Double>();
        var compilingBefore = new LinkedHashMap<String, Double>();
        pids.forEach((name, pid) -> {
            before.put(name, ProcessCpu.seconds(pid));
            compilingBefore.put(name, ProcessCpu.compilingSeconds(pid));
        });
        long nanos = plain.run(copies, MESSAGES, workers * CONSUMERS_PER_WORKER);
        var used = new LinkedHashMap<String, Double>();
        var compiling = new LinkedHashMap<String, Double>();
        pids.forEach((name, pid) -> {
            used.put(name, ProcessCpu.seconds(pid) - before.get(name));
            compiling.put(name, ProcessCpu.compilingSeconds(pid) - compilingBefore.get(name));
        });
        return new Window(nanos, MESSAGES, used, compiling, load);
    }

    private static Map<String, Long> processes(Stack stack, int workers) {
        var pids = new LinkedHashMap<String, Long>();
        pids.put("api-gateway", stack.gateway().pid());
        for (int i = 0; i < workers; i++) {
            Service worker = stack.worker(i);
            pids.put(worker.name(), worker.pid());
        }
        pids.put("graph-simulator", stack.simulator().pid());
        pids.put("embedded-mongo", stack.mongo().pid());
        return pids;
    }

    /**
     * One timed run: wall-clock nanoseconds, messages delivered, CPU seconds per process and, of them, those its JIT
     * compiler used, load at its start.
     */
    record Window(
            long nanos,
            long delivered,
            Map<String, Double> cpuSeconds,
            Map<String, Double> compilingSeconds,
            String load) {

        double perSecond() {
            return Table.perSecond(delivered, nanos);
        }

        /** CPU milliseconds per delivered message of the processes whose names start with one of the prefixes. */
        double millisPerMessage(String... prefixes) {
            return netMillisPerMessage(Map.of(), prefixes);
        }

        /** As {@link #millisPerMessage}, less what each process used at its idle rate for as long as the window. */
        double netMillisPerMessage(Map<String, Double> idleRates, String... prefixes) {
            return cpuSeconds.entrySet().stream()
                            .filter(e -> List.of(prefixes).stream().anyMatch(e.getKey()::startsWith))
                            .mapToDouble(e -> net(e.getKey(), e.getValue(), idleRates))
                            .sum()
                    * 1000
                    / delivered;
        }

        /** As {@link #millisPerMessage}, less what the processes' JIT compilers used. */
        double compiledMillisPerMessage(String... prefixes) {
            return cpuSeconds.keySet().stream()
                            .filter(name -> List.of(prefixes).stream().anyMatch(name::startsWith))
                            .mapToDouble(name -> cpuSeconds.get(name) - compiling(name))
                            .sum()
                    * 1000
                    / delivered;
        }

        /** CPU seconds the JIT compiler of {@code name} used in the window (never below zero: see ProcessCpu). */
        double compiling(String name) {
            return Math.max(0, compilingSeconds.getOrDefault(name, 0.0));
        }

        /** CPU seconds {@code name} used in the window beyond its idle rate. */
        double net(String name, double seconds, Map<String, Double> idleRates) {
            return seconds - idleRates.getOrDefault(name, 0.0) * nanos / 1e9;
        }
    }
}

package io.graphmail.faults;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The faults, each struck while mail is being submitted and sent. */
final class Scenarios {

    /** A scenario's name is the prefix of its markers. */
    record Scenario(String name, String description, Fault fault) {

        Load run() throws Exception {
            return fault.strike(name);
        }

        /** What the workers counted of deferrals, throttling and duplicates avoided while it ran. */
        static List<String> counters() {
            return List.of(
                    "graphmail_mail_deferred_total",
                    "graphmail_messaging_deferred_total",
                    "graphmail_graph_throttled_total",
                    "graphmail_mail_duplicates_avoided_total");
        }
    }

    @FunctionalInterface
    interface Fault {
        Load strike(String name) throws Exception;
    }

    private static final Duration INTO_THE_LOAD = Duration.ofSeconds(3);

    private final Stack stack;
    private final Mode mode;
    private final List<String> accounts;

    Scenarios(Stack stack, Mode mode, List<String> accounts) {
        this.stack = stack;
        this.mode = mode;
        this.accounts = accounts;
    }

    /** Every scenario, or those named in {@code only} (comma-separated) when it is not blank. */
    List<Scenario> selected(String only) {
        if (only == null || only.isBlank()) {
            return all();
        }
        var names = List.of(only.split(","));
        return all().stream()
                .filter(scenario -> names.contains(scenario.name()))
                .toList();
    }

    private List<Scenario> all() {
        return List.of(
                new Scenario(
                        "worker-kill",
                        "kill -9 one worker mid-load, then the other, each started again at once",
                        this::workerKill),
                new Scenario(
                        "broker-restart",
                        "stop the broker application for %d s mid-load"
                                .formatted(mode.brokerOutage().toSeconds()),
                        this::brokerRestart),
                new Scenario(
                        "mongo-kill",
                        "kill -9 the embedded MongoDB mid-load, start it on the same file after %d s"
                                .formatted(mode.mongoOutage().toSeconds()),
                        this::mongoKill),
                new Scenario(
                        "gateway-kill",
                        "kill -9 the gateway while a %,d-message batch is being recorded, repeat it with the same Idempotency-Key"
                                .formatted(mode.gatewayBatchSize()),
                        this::gatewayKill),
                new Scenario(
                        "graph-faults",
                        "Graph answers 503, 429 with Retry-After, late, or drops the connection after sending",
                        this::graphFaults),
                new Scenario(
                        "mixed",
                        ("with Graph faults on: kill -9 a worker, stop the broker application while it restarts,"
                                        + " kill -9 MongoDB during the broker outage, then kill -9 the gateway while a"
                                        + " %,d-message batch is being recorded and repeat it with the same Idempotency-Key")
                                .formatted(mode.gatewayBatchSize()),
                        this::mixed));
    }

    private Load workerKill(String name) throws Exception {
        return underLoad(name, () -> {
            stack.worker(0).kill();
            stack.worker(0).start();
            Waiting.pause(INTO_THE_LOAD);
            stack.worker(1).kill();
            stack.worker(1).start();
            stack.worker(0).awaitHealthy(stack.startup());
            stack.worker(1).awaitHealthy(stack.startup());
        });
    }

    private Load brokerRestart(String name) throws Exception {
        return underLoad(name, () -> {
            stack.broker().stopApp();
            Waiting.pause(mode.brokerOutage());
            stack.broker().startApp();
        });
    }

    private Load mongoKill(String name) throws Exception {
        return underLoad(name, () -> {
            stack.killMongo();
            Waiting.pause(mode.mongoOutage());
            stack.startMongo();
        });
    }

    private Load graphFaults(String name) throws Exception {
        return withGraphFaults(() -> underLoad(name, () -> {}));
    }

    /**
     * The faults overlapping, with Graph's on throughout: a worker killed and, while it starts again, the broker
     * stopped; MongoDB killed during the broker outage and started again after it; then the gateway killed while a
     * batch is being recorded once both are back.
     */
    private Load mixed(String name) throws Exception {
        return withGraphFaults(() -> {
            var load = new Load(stack.api(), accounts, name);
            ExecutorService executor = Executors.newFixedThreadPool(3);
            try {
                Future<?> singles = load.singles(executor, mode.singles(), 4, Duration.ofMillis(500));
                Future<?> batch = executor.submit(() -> load.batch(mode.batchSize(), name + "-batch"));
                Waiting.pause(INTO_THE_LOAD);
                stack.worker(0).kill();
                stack.worker(0).start();
                Waiting.pause(Duration.ofSeconds(2));
                stack.broker().stopApp();
                Waiting.pause(Duration.ofSeconds(5));
                stack.killMongo();
                Waiting.pause(mode.brokerOutage().minusSeconds(5));
                stack.broker().startApp();
                Waiting.pause(Duration.ofSeconds(5));
                stack.startMongo();
                System.out.printf(
                        "   worker 1 killed, broker stopped %d s, MongoDB killed for %d s%n",
                        mode.brokerOutage().toSeconds(), mode.brokerOutage().toSeconds());
                Future<?> big = executor.submit(() -> load.batch(mode.gatewayBatchSize(), name + "-big-batch"));
                killGatewayMidBatch(Duration.ofSeconds(90));
                stack.worker(0).awaitHealthy(stack.startup());
                finish(big);
                finish(singles);
                finish(batch);
            } finally {
                Waiting.shutdown(executor);
            }
            return load;
        });
    }

    private Load withGraphFaults(Callable<Load> scenario) throws Exception {
        var faults = List.of("""
                {"pathPattern":"/v1.0/users/*/messages/*/send","status":503,"probability":0.15}""", """
                {"pathPattern":"/v1.0/users/*/messages/*/send","dropConnection":true,"afterSuccess":true,"probability":0.1}""", """
                {"pathPattern":"/v1.0/users/*/messages","method":"POST","status":429,"retryAfterSeconds":1,"probability":0.1}""", """
                {"pathPattern":"/v1.0/users/*/messages","method":"POST","dropConnection":true,"afterSuccess":true,"probability":0.05}""", """
                {"pathPattern":"/v1.0/users/*/messages/*/send","latencyMs":1500,"probability":0.1}""");
        var simulator = stack.simulatorControl();
        for (String fault : faults) {
            int status = simulator
                    .post("/_sim/faults", fault, null)
                    .map(r -> r.statusCode())
                    .orElse(0);
            if (status != 201) {
                throw new IllegalStateException("the simulator refused fault " + fault + ": " + status);
            }
        }
        try {
            return scenario.call();
        } finally {
            simulator.delete("/_sim/faults");
        }
    }

    /** A batch submitted while the gateway is killed; the client repeats it with its key until it gets 202. */
    private Load gatewayKill(String name) throws Exception {
        var load = new Load(stack.api(), accounts, name);
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            Future<?> batch = executor.submit(() -> load.batch(mode.gatewayBatchSize(), name + "-batch"));
            Future<?> singles = load.singles(executor, mode.singles(), 4, Duration.ofMillis(20));
            killGatewayMidBatch(Duration.ofSeconds(60));
            finish(batch);
            finish(singles);
        } finally {
            Waiting.shutdown(executor);
        }
        return load;
    }

    /**
     * Kills the gateway once a quarter of the big batch is recorded (or after {@code wait} without seeing it), then
     * starts it again.
     */
    private void killGatewayMidBatch(Duration wait) {
        try (var observer = stack.observer()) {
            var recorded = observer.batchHalfRecorded(mode.gatewayBatchSize() / 4, wait);
            stack.gateway().kill();
            System.out.printf(
                    "   gateway killed %s%n",
                    recorded.map(n -> "with the batch SUBMITTING, %d of its %d messages recorded"
                                    .formatted(n, mode.gatewayBatchSize()))
                            .orElse("without having seen the batch SUBMITTING"));
        }
        stack.gateway().start().awaitHealthy(stack.startup());
    }

    /** Single sends from 4 clients and a batch, with the fault struck a few seconds in. */
    private Load underLoad(String name, Runnable fault) throws Exception {
        var load = new Load(stack.api(), accounts, name);
        ExecutorService executor = Executors.newFixedThreadPool(3);
        try {
            Future<?> singles = load.singles(executor, mode.singles(), 4, Duration.ofMillis(250));
            Future<?> batch = executor.submit(() -> {
                Waiting.pause(Duration.ofSeconds(1));
                load.batch(mode.batchSize(), name + "-batch");
            });
            Waiting.pause(INTO_THE_LOAD);
            fault.run();
            finish(singles);
            finish(batch);
        } finally {
            Waiting.shutdown(executor);
        }
        return load;
    }

    private static void finish(Future<?> task) throws InterruptedException {
        try {
            task.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}

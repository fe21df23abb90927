package io.graphmail.bench;

import io.graphmail.faults.Http;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One template batch through a stack of processes, from a fresh account with no limits: timed from the POST until the
 * gateway reports every message SENT, with the CPU time each process used in between.
 */
final class StackBatch {

    private static final Duration TIMEOUT = Duration.ofMinutes(20);

    private final ProcessStack stack;
    private final Http api;
    private final SimulatorAccess simulator;

    StackBatch(ProcessStack stack, SimulatorAccess simulator) {
        this.stack = stack;
        this.api = stack.stack().api();
        this.simulator = simulator;
    }

    ProcessPipeline.Window send(int messages, Map<String, Long> processes) throws Exception {
        String accountId = Batches.accountId("bulk");
        String mailbox = Batches.mailbox(accountId);
        stack.registerAccount(accountId);
        simulator.limitsOff(mailbox);
        String load = ProcessCpu.loadAverage();
        Map<String, Double> before = cpu(processes);
        Map<String, Double> compilingBefore = compiling(processes);
        long start = System.nanoTime();
        var response = api.post("/api/v1/mail/batches", Batches.template(accountId, messages), null)
                .orElseThrow(() -> new IllegalStateException("no answer to the batch"));
        expect(response.statusCode(), 202, "the batch");
        String location = response.headers().firstValue("Location").orElseThrow();
        // The gateway's batch counts scan the mail collection: poll them only once the simulator has every message.
        Waiting.until(() -> sends(mailbox) >= messages, TIMEOUT, Duration.ofMillis(500));
        if (!Waiting.until(() -> sent(location) >= messages, TIMEOUT, Duration.ofMillis(250))) {
            throw new IllegalStateException("only " + sent(location) + " of " + messages + " SENT");
        }
        long nanos = System.nanoTime() - start;
        Map<String, Double> used = cpu(processes);
        used.replaceAll((name, seconds) -> seconds - before.get(name));
        Map<String, Double> compiled = compiling(processes);
        compiled.replaceAll((name, seconds) -> seconds - compilingBefore.get(name));
        return new ProcessPipeline.Window(nanos, sent(location), used, compiled, load);
    }

    private long sends(String mailbox) {
        try {
            return simulator.sends(mailbox);
        } catch (Exception e) {
            return 0;
        }
    }

    private long sent(String location) {
        return api.get(location)
                .map(batch -> batch.path("counts").path("SENT").asLong(0))
                .orElse(0L);
    }

    private static Map<String, Double> cpu(Map<String, Long> processes) {
        var seconds = new LinkedHashMap<String, Double>();
        processes.forEach((name, pid) -> seconds.put(name, ProcessCpu.seconds(pid)));
        return seconds;
    }

    private static Map<String, Double> compiling(Map<String, Long> processes) {
        var seconds = new LinkedHashMap<String, Double>();
        processes.forEach((name, pid) -> seconds.put(name, ProcessCpu.compilingSeconds(pid)));
        return seconds;
    }

    private static void expect(int status, int expected, String what) {
        if (status != expected) {
            throw new IllegalStateException(what + " answered " + status);
        }
    }
}

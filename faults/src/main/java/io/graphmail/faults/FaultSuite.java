package io.graphmail.faults;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The fault-injection suite: starts graphmail as separate processes, submits mail under each fault in turn and fails
 * on any accepted message lost, sent twice or left without a final status. Run through {@code scripts/faults.sh}.
 */
public final class FaultSuite {

    static final int ACCOUNTS = 4;

    private FaultSuite() {}

    public static void main(String[] args) throws Exception {
        Mode mode = Mode.named(args.length > 0 ? args[0] : "quick");
        Path root =
                Path.of(System.getProperty("faults.root", ".")).toAbsolutePath().normalize();
        Path directory = root.resolve(
                "faults/target/runs/" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        var ports = new Ports(Integer.parseInt(System.getenv().getOrDefault("FAULTS_PORT_BASE", "28000")));
        ports.requireFree();
        List<Audit.Result> results = new ArrayList<>();
        long started = System.nanoTime();
        System.out.printf("Fault suite (%s): logs and data in %s%n", mode.name(), directory);
        try (var stack = new Stack(root, directory, ports, mode.workerArguments())) {
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
            stack.start();
            System.out.printf("Stack up after %d s%n", (System.nanoTime() - started) / 1_000_000_000L);
            List<String> accounts = registerAccounts(stack);
            var audit = new Audit(
                    stack.api(),
                    stack.simulatorControl(),
                    accounts.stream().map(FaultSuite::mailbox).toList());
            var scenarios = new Scenarios(stack, mode, accounts);
            for (var scenario : scenarios.selected(System.getenv("FAULTS_SCENARIOS"))) {
                long scenarioStarted = System.nanoTime();
                System.out.printf("-- %s: %s%n", scenario.name(), scenario.description());
                var before = stack.workerCounters(Scenarios.Scenario.counters());
                Load load = scenario.run();
                var result = audit.check(scenario.name(), load, mode.settle());
                results.add(result);
                Report.scenario(result, (System.nanoTime() - scenarioStarted) / 1_000_000_000L);
                Report.evidence(load, before, stack.workerCounters(Scenarios.Scenario.counters()));
            }
        }
        boolean passed = Report.summary(results, (System.nanoTime() - started) / 1_000_000_000L);
        System.exit(passed ? 0 : 1);
    }

    private static List<String> registerAccounts(Stack stack) {
        var api = stack.api();
        return IntStream.rangeClosed(1, ACCOUNTS)
                .mapToObj(i -> {
                    String id = "faults-a" + i;
                    String json = """
                            {"id":"%s","type":"application","mailbox":"%s","tenant":"graphmail-faults",\
                            "clientId":"graphmail-faults","clientSecretRef":"%s",\
                            "limits":{"messagesPerMinute":6000,"maxConcurrent":4}}""".formatted(id, mailbox(id), Stack.SECRET_ALIAS);
                    int status = api.post("/api/v1/accounts", json, null)
                            .map(response -> response.statusCode())
                            .orElse(0);
                    if (status != 201) {
                        throw new IllegalStateException("registering " + id + " answered " + status);
                    }
                    return id;
                })
                .toList();
    }

    static String mailbox(String account) {
        return account + "@graphmail.local";
    }
}

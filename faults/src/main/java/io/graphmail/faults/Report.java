package io.graphmail.faults;

import java.util.List;
import java.util.Map;

/** Prints each scenario's figures as it ends, and a table of all of them. */
final class Report {

    private static final String ROW = "%-15s %8s %6s %5s %10s %6s %9s %8s %8s %8s  %s%n";

    private Report() {}

    static void scenario(Audit.Result result, long seconds) {
        System.out.printf(
                "   %d messages accepted, statuses %s, %d client repeats, settled in %d s, scenario %d s: %s%n",
                result.markers,
                result.statuses,
                result.repeats,
                result.settledSeconds,
                seconds,
                result.passed() ? "PASS" : "FAIL");
        result.problems.forEach((kind, details) -> System.out.printf(
                "   %s: %d, e.g. %s%n", kind, details.size(), details.subList(0, Math.min(5, details.size()))));
        result.refused.stream().limit(5).forEach(refusal -> System.out.printf("   refused: %s%n", refusal));
    }

    /** That the fault struck: the gateway's answers to the clients, and what the workers counted meanwhile. */
    static void evidence(Load load, Map<String, Double> before, Map<String, Double> after) {
        System.out.printf("   gateway answers (0: none) %s%n", load.answers());
        after.forEach((counter, value) -> {
            double delta = value - before.getOrDefault(counter, 0.0);
            if (delta > 0) {
                System.out.printf("   workers: %s +%.0f%n", counter, delta);
            }
        });
    }

    static boolean summary(List<Audit.Result> results, long seconds) {
        System.out.println();
        System.out.printf(
                ROW,
                "scenario",
                "accepted",
                "SENT",
                "lost",
                "duplicated",
                "stuck",
                "not sent",
                "no copy",
                "refused",
                "repeats",
                "verdict");
        boolean passed = true;
        for (var result : results) {
            System.out.printf(
                    ROW,
                    result.scenario,
                    result.markers,
                    result.statuses.getOrDefault("SENT", 0),
                    result.count("lost"),
                    result.count("duplicated"),
                    result.count("stuck"),
                    result.count("not sent"),
                    result.count("SENT without a copy"),
                    result.refused.size(),
                    result.repeats,
                    result.passed() ? "PASS" : "FAIL");
            passed &= result.passed();
        }
        System.out.printf("%nFault suite %s in %d s%n", passed ? "PASSED" : "FAILED", seconds);
        return passed;
    }
}

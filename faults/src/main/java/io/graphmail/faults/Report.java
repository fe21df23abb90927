package io.graphmail.faults;

import java.util.List;

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

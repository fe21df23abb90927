package io.graphmail.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The process pipeline's two tables: rates against the plain pipeline, and CPU per process and message. */
final class CpuReport {

    private final Table rates;
    private final List<String> cpuLines = new ArrayList<>();
    private final double targetMillis;

    CpuReport(int messages, double targetMillis) {
        this.targetMillis = targetMillis;
        this.rates = new Table(
                "Bulk pipeline, services in their own processes: one %,d-message batch, POST to all SENT"
                        .formatted(messages),
                "workers",
                "graphmail s",
                "graphmail msg/s",
                "plain s",
                "plain msg/s",
                "ratio",
                "gw+worker ms CPU/msg",
                "net gw+worker ms CPU/msg",
                "gw+worker less JIT",
                "plain ms CPU/msg",
                "plain less JIT",
                "load (ours / plain)");
    }

    /** Adds one worker count's pair of runs; answers whether its targets were met. */
    boolean add(
            int workers,
            ProcessPipeline.Window ours,
            Map<String, Double> idleRates,
            ProcessPipeline.Window plain,
            double targetRatio) {
        double ratio = ours.perSecond() / plain.perSecond();
        double ourMillis = ours.millisPerMessage("api-gateway", "mail-worker");
        rates.row(
                workers,
                Table.seconds(ours.nanos()),
                Table.rate(ours.perSecond()),
                Table.seconds(plain.nanos()),
                Table.rate(plain.perSecond()),
                Table.ratio(ratio),
                format("%.2f", ourMillis),
                format("%.2f", ours.netMillisPerMessage(idleRates, "api-gateway", "mail-worker")),
                format("%.2f", ours.compiledMillisPerMessage("api-gateway", "mail-worker")),
                format("%.2f", plain.millisPerMessage("plain")),
                format("%.2f", plain.compiledMillisPerMessage("plain")),
                ours.load().split(" ")[0] + " / " + plain.load().split(" ")[0]);
        cpuLines.add(format("%d worker(s), graphmail:", workers));
        ours.cpuSeconds()
                .forEach((name, seconds) -> cpuLines.add(line(ours, name, seconds)
                        + format(
                                "  idle %5.3f CPU s/s  net %6.2f s per 1,000",
                                idleRates.get(name), ours.net(name, seconds, idleRates) * 1000 / ours.delivered())));
        cpuLines.add(format("%d worker(s), plain pipeline:", workers));
        plain.cpuSeconds().forEach((name, seconds) -> cpuLines.add(line(plain, name, seconds)));
        return ratio >= targetRatio && ourMillis <= targetMillis;
    }

    void print() {
        rates.print();
        System.out.println(
                "CPU seconds per 1,000 delivered messages, per process (utime + stime from /proc/<pid>/stat); JIT: of it,"
                        + " the JIT compiler's threads (from /proc/<pid>/task), a start-up cost that a long-running"
                        + " service no longer pays (\"less JIT\" above leaves it out); idle: CPU s/s over a quiet window"
                        + " before the run; net: less that rate x the run's length:");
        cpuLines.forEach(System.out::println);
        System.out.printf(
                "Target: gateway + worker <= %.1f ms CPU per delivered message; load average at the end %s%n",
                targetMillis, ProcessCpu.loadAverage());
    }

    private static String line(ProcessPipeline.Window window, String name, double seconds) {
        return format(
                "  %-24s %8.2f s CPU  %6.2f s per 1,000  JIT %5.2f s",
                name, seconds, seconds * 1000 / window.delivered(), window.compiling(name));
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}

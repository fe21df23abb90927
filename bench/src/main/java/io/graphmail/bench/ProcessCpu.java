package io.graphmail.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time a process has used (user + system, all its threads), as the kernel counts it in {@code /proc/<pid>/stat}:
 * robust to other work on the machine, which stretches wall-clock figures but not a process's own CPU time.
 */
final class ProcessCpu {

    /** USER_HZ, the unit of utime and stime: 100 on Linux whatever the kernel's tick (see proc(5)). */
    private static final double TICKS_PER_SECOND = Double.parseDouble(System.getProperty("bench.clockTicks", "100"));

    private ProcessCpu() {}

    /** CPU seconds used so far by the process {@code pid}. */
    static double seconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may hold spaces: count fields from the ')' that closes it.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(fields[11]);
            long stime = Long.parseLong(fields[12]);
            return (utime + stime) / TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CPU time of process " + pid, e);
        }
    }

    /**
     * CPU seconds per second each process used over {@code window} while nothing was sent to it: its fixed background
     * work (schedulers, listener containers, metrics, GC), which a timed window pays for by its length, not per message.
     */
    static Map<String, Double> idleRates(Map<String, Long> pids, Duration window) throws InterruptedException {
        var before = new LinkedHashMap<String, Double>();
        pids.forEach((name, pid) -> before.put(name, seconds(pid)));
        long start = System.nanoTime();
        Thread.sleep(window.toMillis());
        double elapsed = (System.nanoTime() - start) / 1e9;
        var rates = new LinkedHashMap<String, Double>();
        pids.forEach((name, pid) -> rates.put(name, (seconds(pid) - before.get(name)) / elapsed));
        return rates;
    }

    static double self() {
        return seconds(ProcessHandle.current().pid());
    }

    /** The machine's load averages over 1, 5 and 15 minutes. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}

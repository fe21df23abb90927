package io.graphmail.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

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
            return cpuSeconds(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CPU time of process " + pid, e);
        }
    }

    /** utime + stime of a {@code stat} line, of a process or of one of its threads. */
    private static double cpuSeconds(String stat) {
        // The command name (field 2) may hold spaces: count fields from the ')' that closes it.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long utime = Long.parseLong(fields[11]);
        long stime = Long.parseLong(fields[12]);
        return (utime + stime) / TICKS_PER_SECOND;
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

    /**
     * CPU seconds used so far by the JIT compiler's threads of the JVM {@code pid} ({@code C1 CompilerThread0} and the
     * like, as HotSpot names them to the OS). A JVM that has run a few minutes compiles little; one started for a
     * benchmark compiles as much as it runs (thousands of methods reach C2's thresholds only after thousands of
     * messages), so this tells start-up cost from the cost per message. A compiler thread that exits takes its time
     * with it: the figure can only be too low.
     */
    static double compilingSeconds(long pid) {
        try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return threads.mapToDouble(ProcessCpu::compilerThreadSeconds).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the threads of process " + pid, e);
        }
    }

    private static double compilerThreadSeconds(Path thread) {
        try {
            String stat = Files.readString(thread.resolve("stat"));
            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre") ? cpuSeconds(stat) : 0;
        } catch (IOException e) {
            return 0; // the thread ended meanwhile
        }
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

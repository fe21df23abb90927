package io.graphmail.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service of the stack in a process of its own, which the suite starts, kills with SIGKILL and starts again with
 * the same command, environment and data. Its output is appended to one log file across restarts.
 */
public final class Service {

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private final String healthUrl;
    private Process process;

    Service(String name, List<String> command, Map<String, String> environment, Path log, String healthUrl) {
        this.name = name;
        this.command = command;
        this.environment = environment;
        this.log = log;
        this.healthUrl = healthUrl;
    }

    public String name() {
        return name;
    }

    public Service start() {
        try {
            var builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Waits until the service answers its health check; fails if its process ends first. */
    public Service awaitHealthy(Duration timeout) {
        Waiting.until(name + " healthy (" + log + ")", timeout, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            return Http.healthy(healthUrl);
        });
        return this;
    }

    /** The operating system's id of the running process, to read its CPU time from {@code /proc}. */
    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye to the broker or MongoDB. */
    void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitFor();
        }
    }

    public void requestStop() {
        if (process != null && process.isAlive()) {
            process.destroy();
        }
    }

    public void awaitStopped(Duration timeout) {
        if (process == null) {
            return;
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void waitFor() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

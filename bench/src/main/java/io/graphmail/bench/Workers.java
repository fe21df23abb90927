package io.graphmail.bench;

import io.graphmail.testsupport.RunningSimulator;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Mail workers started in-process. Declared after the simulator and the gateway in a try-with-resources, they are
 * stopped first, while what they talk to still answers.
 */
final class Workers implements AutoCloseable {

    private final RunningSimulator simulator;
    private final String[] settings;
    private final List<ConfigurableApplicationContext> running = new ArrayList<>();

    /** @param settings more settings of every worker, as {@code --name=value} */
    Workers(RunningSimulator simulator, String... settings) {
        this.simulator = simulator;
        this.settings = settings;
    }

    /** Starts workers until {@code count} run. */
    Workers scaleTo(int count) {
        while (running.size() < count) {
            running.add(InProcess.worker(simulator, settings));
        }
        return this;
    }

    /** A counter's count per value of {@code tag}, summed over the running workers. */
    Map<String, Long> countsByTag(String counter, String tag) {
        var counts = new TreeMap<String, Long>();
        running.forEach(worker -> worker.getBean(MeterRegistry.class)
                .find(counter)
                .counters()
                .forEach(c -> counts.merge(c.getId().getTag(tag), (long) c.count(), Long::sum)));
        return counts;
    }

    /** The mean of a distribution summary over the running workers, and how many values it holds. */
    double mean(String summary) {
        double total = 0;
        long count = 0;
        for (var worker : running) {
            for (var found : worker.getBean(MeterRegistry.class).find(summary).summaries()) {
                total += found.totalAmount();
                count += found.count();
            }
        }
        return count == 0 ? 0 : total / count;
    }

    @Override
    public void close() {
        running.forEach(ConfigurableApplicationContext::close);
    }
}

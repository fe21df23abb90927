package io.graphmail.simulator.requests;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/** How many requests arrived per method and path, for tests that assert on attempts. */
@Component
class RequestCounts {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void record(String method, String path) {
        counts.computeIfAbsent(method + " " + path, key -> new LongAdder()).increment();
    }

    /** Counts keyed by {@code "METHOD /path"}, sorted, for the paths accepted by the filter. */
    Map<String, Long> counts(Predicate<String> pathFilter) {
        var result = new TreeMap<String, Long>();
        counts.forEach((key, count) -> {
            if (pathFilter.test(key.substring(key.indexOf(' ') + 1))) {
                result.put(key, count.sum());
            }
        });
        return result;
    }

    void clear() {
        counts.clear();
    }
}

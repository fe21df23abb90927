package io.graphmail.simulator.identity.tokens;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.stereotype.Component;

/** How many token requests arrived per grant type, answered or refused, for tests that prove a refresh. */
@Component
class TokenRequestCounts {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void record(String grantType) {
        counts.computeIfAbsent(grantType, key -> new LongAdder()).increment();
    }

    Map<String, Long> counts() {
        var result = new TreeMap<String, Long>();
        counts.forEach((grantType, count) -> result.put(grantType, count.sum()));
        return result;
    }

    void clear() {
        counts.clear();
    }
}

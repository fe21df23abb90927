package io.graphmail.simulator.faults;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;

/** An active fault: a {@link FaultSpec} with its identity and what is left of its count. */
final class Fault {

    private final String id;
    private final FaultSpec spec;
    private final PathPattern pattern;
    private final AtomicInteger remaining;

    Fault(String id, FaultSpec spec, PathPattern pattern) {
        this.id = id;
        this.spec = spec;
        this.pattern = pattern;
        this.remaining = spec.count() == null ? null : new AtomicInteger(spec.count());
    }

    String id() {
        return id;
    }

    FaultSpec spec() {
        return spec;
    }

    boolean matches(String method, PathContainer path) {
        return (spec.method() == null || spec.method().equalsIgnoreCase(method)) && pattern.matches(path);
    }

    /** Whether this fault strikes the current request, using up one of its count when it does. */
    boolean strikes(DoubleSupplier random) {
        if (spec.probability() != null && random.getAsDouble() >= spec.probability()) {
            return false;
        }
        return remaining == null || remaining.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
    }

    FaultView view() {
        return new FaultView(id, spec, remaining == null ? null : remaining.get());
    }
}

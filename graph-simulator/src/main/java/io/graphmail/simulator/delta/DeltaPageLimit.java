package io.graphmail.simulator.delta;

import io.graphmail.simulator.SimulatorProperties;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/** The largest delta page answered, in bytes of JSON: the configured one until the control API changes it. */
@Component
class DeltaPageLimit {

    /** The limit as the control API shows it; {@code maxPageBytes} null: none. */
    record Limits(Long maxPageBytes) {}

    private final long configured;
    private final AtomicLong maxPageBytes;
    private final boolean lenient;

    DeltaPageLimit(DeltaProperties properties, SimulatorProperties simulator) {
        this.configured = properties.maxPageBytes();
        this.maxPageBytes = new AtomicLong(configured);
        this.lenient = simulator.lenient();
    }

    /** Whether a page this large times out; never when the simulator is lenient. */
    boolean exceededBy(long pageBytes) {
        long limit = maxPageBytes.get();
        return !lenient && limit > 0 && pageBytes > limit;
    }

    Limits set(Long bytes) {
        maxPageBytes.set(bytes == null ? 0 : bytes);
        return limits();
    }

    Limits reset() {
        maxPageBytes.set(configured);
        return limits();
    }

    Limits limits() {
        long limit = maxPageBytes.get();
        return new Limits(limit > 0 ? limit : null);
    }
}

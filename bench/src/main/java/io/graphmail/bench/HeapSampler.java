package io.graphmail.bench;

import java.time.Duration;

/** Polls a gateway's heap in use every 100 ms on a thread of its own and keeps the highest value. */
final class HeapSampler {

    private static final String HEAP_USED = "/actuator/metrics/jvm.memory.used?tag=area:heap";

    private final GatewayClient api;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile double peak;

    private HeapSampler(GatewayClient api) {
        this.api = api;
        this.thread = new Thread(this::sample, "heap-sampler");
        thread.setDaemon(true);
    }

    static HeapSampler start(GatewayClient api) {
        var sampler = new HeapSampler(api);
        sampler.thread.start();
        return sampler;
    }

    /** Stops sampling; returns the peak in bytes. */
    double stop() throws InterruptedException {
        running = false;
        thread.join();
        return peak;
    }

    private void sample() {
        while (running) {
            double used = api.json(HEAP_USED)
                    .path("measurements")
                    .path(0)
                    .path("value")
                    .asDouble();
            peak = Math.max(peak, used);
            Waiting.sleep(Duration.ofMillis(100));
        }
    }
}

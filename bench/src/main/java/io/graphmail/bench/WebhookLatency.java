package io.graphmail.bench;

import static io.graphmail.contract.MailTopology.WEBHOOK_DELIVERIES_QUEUE;
import static io.graphmail.contract.MailTopology.WEBHOOK_DELIVERIES_RETRY_QUEUE;

import io.graphmail.platform.messaging.ConfirmedPublisher;
import io.graphmail.platform.messaging.RetryTier;
import io.graphmail.testsupport.TestBackends;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Webhook delivery: {@code mail.sent} events, each to five endpoints on 127.0.0.1, through the gateway's real delivery
 * path (deliveries queue, delay queues, signed POSTs), with all five healthy, then with one of them slow (2–5 s an
 * answer), refusing connections, or answering 503. Reported for the four healthy endpoints: the time from the event's
 * own timestamp to a request's arrival (p50, p95, max) and deliveries per second; for the fifth, what it received.
 * The baseline, in the same run: the same POSTs made straight from the benchmark with the JDK's HTTP client.
 */
public final class WebhookLatency {

    private static final int EVENTS = Integer.getInteger("bench.webhooks.events", 1_000);
    private static final double PER_SECOND = Double.parseDouble(System.getProperty("bench.webhooks.perSecond", "50"));
    private static final int WARM_UP = Integer.getInteger("bench.webhooks.warmup", 200);
    private static final int ENDPOINTS = 5;
    /** WebhookProperties.perEndpoint's default. */
    private static final int PER_ENDPOINT = 4;

    /** How long the healthy endpoints may take to get every event, and the queues to drain, after the last event. */
    private static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("bench.webhooks.timeout", 120));

    private static final double TARGET_P95_SECONDS = 1.0;

    private WebhookLatency() {}

    public static void main(String[] args) {
        Exit.after(WebhookLatency::run);
    }

    private record Case(String name, Receiver.Behaviour fifth, boolean direct) {}

    private static void run() throws Exception {
        try (var gateway = InProcess.gateway(
                        "--graphmail.webhooks.allow-http=true", "--graphmail.webhooks.allowed-hosts=127.0.0.1");
                var broker = new RawBroker(TestBackends.rabbitUri())) {
            var api = new GatewayClient(InProcess.port(gateway));
            var mail = new SentMail(api, broker, gateway.getBean(ConfirmedPublisher.class));
            var endpoints = new Endpoints(api);
            var table = new Table(
                    "Webhooks: %,d mail.sent events x %d endpoints (%,d deliveries), %s; event timestamp to arrival at the 4 healthy endpoints"
                            .formatted(
                                    EVENTS,
                                    ENDPOINTS,
                                    EVENTS * ENDPOINTS,
                                    PER_SECOND > 0 ? "%.0f events/s".formatted(PER_SECOND) : "all at once"),
                    "case",
                    "via",
                    "healthy got",
                    "p50 s",
                    "p95 s",
                    "max s",
                    "delivered/s",
                    "attempts (ok/retry/failed/abandoned)",
                    "5th endpoint: requests, max at once",
                    "load");
            run(gateway, mail, endpoints, broker, new Case("warm-up", Receiver.Behaviour.OK, false), WARM_UP);
            boolean met = true;
            for (var run : List.of(
                    new Case("all healthy", Receiver.Behaviour.OK, false),
                    new Case("all healthy", Receiver.Behaviour.OK, true),
                    new Case("one slow (2-5 s)", Receiver.Behaviour.SLOW, false),
                    new Case("one slow (2-5 s)", Receiver.Behaviour.SLOW, true),
                    new Case("one refusing", Receiver.Behaviour.REFUSED, false),
                    new Case("one answering 503", Receiver.Behaviour.UNAVAILABLE, false))) {
                var result = run(gateway, mail, endpoints, broker, run, EVENTS);
                if (!run.direct() && run.fifth() != Receiver.Behaviour.OK) {
                    met &= result.complete() && result.p95() <= TARGET_P95_SECONDS;
                }
                result.addTo(table, run);
            }
            table.print();
            System.out.println("Healthy endpoints: each must get every event; signatures checked on every tenth request"
                    + " (see the signature line). 'delivered/s' counts the healthy endpoints' deliveries from the first"
                    + " event to the last arrival.");
            System.out.printf("Signatures: %s%n", endpoints.signatureSummary());
            System.out.printf(
                    "Target: p95 <= %.1f s from event to arrival at the healthy endpoints while one endpoint is slow,"
                            + " refusing or answering 503, every event arriving: %s%n",
                    TARGET_P95_SECONDS, Table.verdict(met));
        }
    }

    private static Result run(
            ConfigurableApplicationContext gateway,
            SentMail mail,
            Endpoints endpoints,
            RawBroker broker,
            Case run,
            int events)
            throws Exception {
        var receivers = new ArrayList<Receiver>();
        for (int i = 1; i < ENDPOINTS; i++) {
            receivers.add(Receiver.start("healthy-" + i, Receiver.Behaviour.OK));
        }
        var fifth = Receiver.start("fifth", run.fifth());
        receivers.add(fifth);
        try {
            String load = ProcessCpu.loadAverage();
            Map<String, Long> before = attempts(gateway);
            long start = System.nanoTime();
            if (run.direct()) {
                try (var direct = new DirectPosts(receivers, PER_ENDPOINT)) {
                    direct.post(events, PER_SECOND);
                    awaitHealthy(receivers, events);
                }
            } else {
                endpoints.register(receivers);
                var accepted = mail.accept(events);
                start = System.nanoTime();
                mail.sent(accepted, PER_SECOND);
                awaitHealthy(receivers, events);
            }
            var healthy = receivers.subList(0, ENDPOINTS - 1);
            long end =
                    healthy.stream().mapToLong(Receiver::lastArrivalNanos).max().orElse(start);
            var result = new Result(
                    healthy.stream().mapToInt(Receiver::events).sum(),
                    events * (ENDPOINTS - 1),
                    healthy.stream()
                            .flatMapToLong(r -> LongStream.of(r.latencies()))
                            .sorted()
                            .toArray(),
                    end - start,
                    run.direct() ? null : difference(attempts(gateway), before),
                    fifth.requests(),
                    fifth.maxInFlight(),
                    load);
            endpoints.record(receivers);
            // Each case's figures as soon as it is over: a run stopped by its bound still tells what it measured.
            System.out.printf(
                    "%s via %s: healthy endpoints got %,d of %,d in %.1f s; p50 %.3f s, p95 %.3f s, max %.3f s;"
                            + " load %s%n",
                    run.name(),
                    run.direct() ? "direct" : "gateway",
                    result.healthyGot(),
                    result.healthyExpected(),
                    (end - start) / 1e9,
                    result.quantile(0.5),
                    result.p95(),
                    result.quantile(1.0),
                    load);
            if (!run.direct()) {
                endpoints.disableAll();
                drain(broker);
            }
            return result;
        } finally {
            receivers.forEach(Receiver::close);
        }
    }

    private static void awaitHealthy(List<Receiver> receivers, int events) {
        Waiting.until(
                () -> receivers.subList(0, ENDPOINTS - 1).stream().allMatch(r -> r.events() >= events),
                TIMEOUT,
                Duration.ofMillis(20));
    }

    /** Waits until nothing is left on the deliveries queue or its delay queues (abandoned deliveries included). */
    private static void drain(RawBroker broker) {
        var queues = new ArrayList<>(List.of(WEBHOOK_DELIVERIES_QUEUE));
        for (RetryTier tier : RetryTier.values()) {
            queues.add(tier.queue(WEBHOOK_DELIVERIES_RETRY_QUEUE));
        }
        Waiting.until(
                () -> queues.stream().mapToLong(queue -> depth(broker, queue)).sum() == 0,
                TIMEOUT,
                Duration.ofMillis(200));
        Waiting.sleep(Duration.ofSeconds(1));
    }

    private static long depth(RawBroker broker, String queue) {
        try {
            return broker.depth(queue);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Long> attempts(ConfigurableApplicationContext gateway) {
        var counts = new TreeMap<String, Long>();
        gateway.getBean(MeterRegistry.class)
                .find("graphmail.webhooks.attempts")
                .counters()
                .forEach(c -> counts.merge(c.getId().getTag("result"), (long) c.count(), Long::sum));
        return counts;
    }

    private static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
        var counts = new TreeMap<String, Long>();
        after.forEach((result, count) -> counts.put(result, count - before.getOrDefault(result, 0L)));
        return counts;
    }

    private record Result(
            int healthyGot,
            int healthyExpected,
            long[] latencyMicros,
            long nanos,
            Map<String, Long> attempts,
            int fifthRequests,
            int fifthMaxInFlight,
            String load) {

        boolean complete() {
            return healthyGot >= healthyExpected;
        }

        double p95() {
            return quantile(0.95);
        }

        double quantile(double q) {
            if (latencyMicros.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(q * latencyMicros.length) - 1;
            return latencyMicros[Math.max(0, Math.min(index, latencyMicros.length - 1))] / 1e6;
        }

        void addTo(Table table, Case run) {
            table.row(
                    run.name(),
                    run.direct() ? "direct" : "gateway",
                    "%,d/%,d".formatted(healthyGot, healthyExpected),
                    "%.3f".formatted(quantile(0.5)),
                    "%.3f".formatted(p95()),
                    "%.3f".formatted(quantile(1.0)),
                    Table.rate(Table.perSecond(healthyGot, nanos)),
                    attempts == null
                            ? "-"
                            : "%d/%d/%d/%d"
                                    .formatted(
                                            attempts.getOrDefault("delivered", 0L),
                                            attempts.getOrDefault("retry", 0L),
                                            attempts.getOrDefault("failed", 0L),
                                            attempts.getOrDefault("abandoned", 0L)),
                    run.fifth() == Receiver.Behaviour.REFUSED
                            ? "refused"
                            : "%,d, %d".formatted(fifthRequests, fifthMaxInFlight),
                    load);
        }
    }
}

package io.graphmail.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/**
 * A webhook endpoint on 127.0.0.1 (JDK HTTP server) that records, for every request, the time from the event's own
 * {@code timestamp} to the request's arrival, and checks the Standard Webhooks signature of every tenth request. It
 * answers 200 at once, 200 after 2–5 s, or 503 at once; or nothing listens on its port (connection refused).
 */
final class Receiver implements AutoCloseable {

    enum Behaviour {
        OK,
        SLOW,
        UNAVAILABLE,
        REFUSED
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CHECK_EVERY = 10;

    private final String name;
    private final Behaviour behaviour;
    private final HttpServer server;
    private final ExecutorService threads;
    private final int port;
    private final ConcurrentLinkedQueue<Long> latencyMicros = new ConcurrentLinkedQueue<>();
    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger checked = new AtomicInteger();
    private final AtomicInteger badSignatures = new AtomicInteger();
    private volatile String secret;
    private volatile long lastArrivalNanos;

    private Receiver(String name, Behaviour behaviour) throws IOException {
        this.name = name;
        this.behaviour = behaviour;
        if (behaviour == Behaviour.REFUSED) {
            try (var probe = new ServerSocket(0)) {
                this.port = probe.getLocalPort();
            }
            this.server = null;
            this.threads = null;
            return;
        }
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        // A thread per request: a slow answer must not hold up the next request's arrival time.
        this.threads = Executors.newCachedThreadPool();
        server.setExecutor(threads);
        server.createContext("/hook", this::handle);
        server.start();
        this.port = server.getAddress().getPort();
    }

    static Receiver start(String name, Behaviour behaviour) throws IOException {
        return new Receiver(name, behaviour);
    }

    String name() {
        return name;
    }

    Behaviour behaviour() {
        return behaviour;
    }

    String url() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    /** The endpoint's signing secret, as the gateway answered its registration. */
    void secret(String secret) {
        this.secret = secret;
    }

    private void handle(HttpExchange exchange) throws IOException {
        Instant arrived = Instant.now();
        lastArrivalNanos = System.nanoTime();
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            if (requests.incrementAndGet() % CHECK_EVERY == 1) {
                check(exchange, id, body);
            }
            if (ids.add(id)) {
                Instant event =
                        Instant.parse(JSON.readTree(body).get("timestamp").asString());
                latencyMicros.add(Duration.between(event, arrived).toNanos() / 1_000);
            }
            if (behaviour == Behaviour.SLOW) {
                Waiting.sleep(Duration.ofMillis(ThreadLocalRandom.current().nextLong(2_000, 5_001)));
            }
            exchange.sendResponseHeaders(behaviour == Behaviour.UNAVAILABLE ? 503 : 204, -1);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void check(HttpExchange exchange, String id, String body) {
        checked.incrementAndGet();
        var headers = exchange.getRequestHeaders();
        String expected =
                WebhookSignature.sign(secret, id, Long.parseLong(headers.getFirst("webhook-timestamp")), body);
        boolean valid = false;
        for (String signature : headers.getFirst("webhook-signature").split(" ")) {
            valid |= signature.equals(expected);
        }
        if (!valid) {
            badSignatures.incrementAndGet();
        }
    }

    /** Distinct events received (first arrivals). */
    int events() {
        return ids.size();
    }

    int requests() {
        return requests.get();
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    int checked() {
        return checked.get();
    }

    int badSignatures() {
        return badSignatures.get();
    }

    long lastArrivalNanos() {
        return lastArrivalNanos;
    }

    /** Event to first arrival of every distinct event, in microseconds. */
    long[] latencies() {
        return latencyMicros.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            threads.shutdownNow();
        }
    }
}

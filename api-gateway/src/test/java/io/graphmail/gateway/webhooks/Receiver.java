package io.graphmail.gateway.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/** A webhook receiver on 127.0.0.1: records each request, answers what its script says for the n-th request. */
final class Receiver implements AutoCloseable {

    record Request(String id, String timestamp, String signature, String body, Map<String, List<String>> headers) {}

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
    private final Duration hold;

    private Receiver(IntUnaryOperator statusForRequest, Duration hold, String redirectTo) throws IOException {
        this.hold = hold;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            int current = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(current, Math::max);
            try {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                var headers = exchange.getRequestHeaders();
                requests.add(new Request(
                        headers.getFirst("webhook-id"),
                        headers.getFirst("webhook-timestamp"),
                        headers.getFirst("webhook-signature"),
                        body,
                        Map.copyOf(headers)));
                int status = statusForRequest.applyAsInt(count.incrementAndGet());
                if (!this.hold.isZero()) {
                    released.await(this.hold.toMillis(), TimeUnit.MILLISECONDS);
                }
                if (redirectTo != null) {
                    exchange.getResponseHeaders().add("Location", redirectTo);
                }
                exchange.sendResponseHeaders(status, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
                exchange.close();
            }
        });
        server.start();
    }

    static Receiver answering(IntUnaryOperator statusForRequest) throws IOException {
        return new Receiver(statusForRequest, Duration.ZERO, null);
    }

    static Receiver ok() throws IOException {
        return answering(n -> 204);
    }

    /**
     * Answers each request after {@code hold} (or when closed). A hold just under the gateway's timeout keeps the
     * receiver's count of requests in progress equal to the gateway's.
     */
    static Receiver slow(Duration hold) throws IOException {
        return new Receiver(n -> 200, hold, null);
    }

    static Receiver redirectingTo(String url) throws IOException {
        return new Receiver(n -> 302, Duration.ZERO, url);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}

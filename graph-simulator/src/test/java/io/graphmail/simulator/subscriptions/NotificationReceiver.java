package io.graphmail.simulator.subscriptions;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A notification endpoint on a free local port, as an app's webhook: answers the validation request as told and
 * keeps every notification POST's {@code value} items.
 */
final class NotificationReceiver implements AutoCloseable {

    enum Validation {
        ECHO,
        REFUSE,
        WRONG_TOKEN,
        HANG
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<JsonNode> notifications = new CopyOnWriteArrayList<>();
    private final AtomicInteger posts = new AtomicInteger();
    private final AtomicInteger validations = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Validation validation = Validation.ECHO;

    NotificationReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify";
    }

    void validateWith(Validation answer) {
        this.validation = answer;
    }

    /** The notifications received so far, in order. */
    List<JsonNode> notifications() {
        return List.copyOf(notifications);
    }

    /** Notification POSTs received (validation requests not counted). */
    int posts() {
        return posts.get();
    }

    int validations() {
        return validations.get();
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getRawQuery();
            if (query != null && query.startsWith("validationToken=")) {
                validations.incrementAndGet();
                String token = URLDecoder.decode(query.substring("validationToken=".length()), StandardCharsets.UTF_8);
                answerValidation(exchange, token);
                return;
            }
            JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
            body.path("value").valueStream().forEach(notifications::add);
            posts.incrementAndGet();
            exchange.sendResponseHeaders(202, -1);
        }
    }

    private void answerValidation(HttpExchange exchange, String token) throws IOException {
        switch (validation) {
            case ECHO -> reply(exchange, 200, token);
            case REFUSE -> reply(exchange, 403, "no");
            case WRONG_TOKEN -> reply(exchange, 200, "not-the-token");
            case HANG -> {
                try {
                    released.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                reply(exchange, 200, token);
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}

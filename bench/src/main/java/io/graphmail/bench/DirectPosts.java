package io.graphmail.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

/**
 * The baseline: the same signed {@code mail.sent} POSTs made straight from the benchmark with the JDK's HTTP client,
 * events at the same rate, each endpoint with threads of its own as many as the gateway's per-endpoint limit (so a slow
 * endpoint holds only its own threads). No broker, no MongoDB.
 */
final class DirectPosts implements AutoCloseable {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final Map<Receiver, ExecutorService> threads = new LinkedHashMap<>();
    private final Map<Receiver, String> secrets = new LinkedHashMap<>();

    DirectPosts(List<Receiver> receivers, int perEndpoint) {
        for (Receiver receiver : receivers) {
            String secret = "whsec_"
                    + java.util.Base64.getEncoder()
                            .encodeToString(UUID.randomUUID().toString().getBytes());
            receiver.secret(secret);
            secrets.put(receiver, secret);
            threads.put(receiver, Executors.newFixedThreadPool(perEndpoint));
        }
    }

    /** Posts {@code events} events to every endpoint, {@code perSecond} a second (0: all at once). */
    void post(int events, double perSecond) {
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            if (perSecond > 0) {
                LockSupport.parkNanos(start + (long) (i * 1e9 / perSecond) - System.nanoTime());
            }
            String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
            String body = body(id);
            threads.forEach((receiver, pool) -> pool.execute(() -> send(receiver, id, body)));
        }
    }

    private void send(Receiver receiver, String id, String body) {
        long timestamp = Instant.now().getEpochSecond();
        var request = HttpRequest.newBuilder(URI.create(receiver.url()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.sign(secrets.get(receiver), id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // A refused or failed request is the endpoint's affair here; the baseline does not retry.
        }
    }

    /** Shaped as the gateway's {@code mail.sent} payload, timestamped now. */
    private static String body(String id) {
        var fields = new ArrayList<String>();
        fields.add("\"mailId\":\"" + UUID.randomUUID() + "\"");
        fields.add("\"accountId\":\"webhooks-direct\"");
        fields.add("\"batchId\":\"" + UUID.randomUUID() + "\"");
        fields.add("\"status\":\"SENT\"");
        fields.add("\"attempts\":1");
        return "{\"id\":\"%s\",\"type\":\"mail.sent\",\"timestamp\":\"%s\",\"data\":{%s}}"
                .formatted(id, Instant.now(), String.join(",", fields));
    }

    @Override
    public void close() {
        threads.values().forEach(ExecutorService::shutdownNow);
    }
}

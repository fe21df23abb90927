package io.graphmail.faults;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Submits messages as a careful client does: every request carries an Idempotency-Key, and a request that got no
 * answer, a 503, a 409 or a 429 is repeated with the same key until the gateway answers 202. Every message carries a
 * unique marker as its subject and recipient, by which the audit finds its copies at the simulator.
 */
final class Load {

    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(4);

    private final Http api;
    private final List<String> accounts;
    private final String scenario;
    private final AtomicInteger sequence = new AtomicInteger();
    private final ConcurrentLinkedQueue<Accepted> accepted = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();
    private final AtomicInteger repeats = new AtomicInteger();
    private final Map<Integer, Integer> answers = new ConcurrentSkipListMap<>();

    Load(Http api, List<String> accounts, String scenario) {
        this.api = api;
        this.accounts = accounts;
        this.scenario = scenario;
    }

    /** A message or batch the gateway answered 202; a single send has one marker, a batch one per recipient. */
    record Accepted(String location, List<String> markers, boolean batch) {}

    /** Single sends from {@code clients} concurrent clients, {@code pause} apart per client. */
    Future<?> singles(ExecutorService executor, int count, int clients, Duration pause) {
        return executor.submit(() -> {
            var pool = Executors.newFixedThreadPool(clients);
            IntStream.range(0, clients)
                    .forEach(client -> pool.submit(() -> {
                        for (int i = client; i < count; i += clients) {
                            single();
                            Waiting.pause(pause);
                        }
                    }));
            Waiting.shutdown(pool);
        });
    }

    void single() {
        String marker = marker();
        String json = """
                {"accountId":"%s","to":["%s@example.com"],"subject":"%s","body":{"contentType":"text","content":"%s"}}""".formatted(account(), marker, marker, marker);
        submit("/api/v1/mail", json, "single-" + marker, List.of(marker), false);
    }

    /** A template batch of {@code size} recipients; {@code key} lets a caller repeat it. */
    Optional<Accepted> batch(int size, String key) {
        List<String> markers = IntStream.range(0, size).mapToObj(i -> marker()).toList();
        return submit("/api/v1/mail/batches", batchJson(markers), key, markers, true);
    }

    String batchJson(List<String> markers) {
        String recipients = markers.stream()
                .map(m -> "{\"to\":[\"%s@example.com\"],\"variables\":{\"marker\":\"%s\"}}".formatted(m, m))
                .collect(Collectors.joining(","));
        return """
                {"accountId":"%s","template":{"subject":"{{marker}}","text":"{{marker}}"},"recipients":[%s]}""".formatted(account(), recipients);
    }

    /** Posts until 202 with the same key; a 4xx other than 409 and 429 is a refusal, recorded as such. */
    Optional<Accepted> submit(String path, String json, String key, List<String> markers, boolean batch) {
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        boolean first = true;
        while (System.nanoTime() < deadline) {
            if (!first) {
                repeats.incrementAndGet();
            }
            first = false;
            Optional<HttpResponse<String>> answer = api.post(path, json, key);
            int status = answer.map(HttpResponse::statusCode).orElse(0);
            answers.merge(status, 1, Integer::sum);
            if (status == 202) {
                var done = new Accepted(
                        answer.get().headers().firstValue("Location").orElseThrow(), markers, batch);
                accepted.add(done);
                return Optional.of(done);
            }
            if (status >= 400 && status < 500 && status != 409 && status != 429) {
                refused.add(key + ": " + status + " " + answer.get().body());
                return Optional.empty();
            }
            Waiting.pause(Duration.ofMillis(status == 0 ? 500 : 1000));
        }
        refused.add(key + ": no 202 within " + GIVE_UP_AFTER);
        return Optional.empty();
    }

    List<Accepted> accepted() {
        return new ArrayList<>(accepted);
    }

    List<String> refused() {
        return new ArrayList<>(refused);
    }

    /** How often the gateway answered each status (0: no answer at all), repeats included. */
    Map<Integer, Integer> answers() {
        return Map.copyOf(answers);
    }

    int repeats() {
        return repeats.get();
    }

    String marker() {
        return "%s-%06d".formatted(scenario, sequence.incrementAndGet());
    }

    private String account() {
        return accounts.get(Math.floorMod(sequence.get(), accounts.size()));
    }
}

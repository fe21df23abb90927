package io.graphmail.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One single (transactional) message per account every {@code period}, while the accounts' batches run: at the end,
 * how long each waited from submission (the gateway's {@code acceptedAt}) to Graph (its {@code sentAt}).
 */
final class TransactionalProbe implements AutoCloseable {

    private final GatewayClient api;
    private final List<String> accounts;
    private final List<String> submitted = Collections.synchronizedList(new ArrayList<>());
    /** Submissions the gateway did not accept (counted as unsent). */
    private final AtomicInteger rejected = new AtomicInteger();

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    TransactionalProbe(GatewayClient api, List<String> accounts) {
        this.api = api;
        this.accounts = accounts;
    }

    void start(Duration period) {
        timer.scheduleAtFixedRate(this::submitOneEach, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void submitOneEach() {
        for (String accountId : accounts) {
            String json = """
                    {"accountId":"%s","to":["reset@example.com"],"subject":"Password reset",\
                    "body":{"contentType":"text","content":"Your code"}}""".formatted(accountId);
            var response = api.post("/api/v1/mail", json);
            if (response.statusCode() != 202) {
                rejected.incrementAndGet();
            }
            response.headers().firstValue("Location").ifPresent(submitted::add);
        }
    }

    /** Stops submitting, then waits up to {@code grace} for the last ones to be sent. */
    Result result(Duration grace) {
        timer.shutdownNow();
        long deadline = System.nanoTime() + grace.toNanos();
        List<Long> waits = new ArrayList<>();
        int unsent = 0;
        for (String location : List.copyOf(submitted)) {
            var mail = api.json(location);
            while (mail.path("sentAt").isMissingNode() || mail.path("sentAt").isNull()) {
                if (System.nanoTime() > deadline) {
                    break;
                }
                Waiting.sleep(Duration.ofMillis(200));
                mail = api.json(location);
            }
            if (mail.path("sentAt").isMissingNode() || mail.path("sentAt").isNull()) {
                unsent++;
            } else {
                waits.add(Duration.between(
                                Instant.parse(mail.path("acceptedAt").asString()),
                                Instant.parse(mail.path("sentAt").asString()))
                        .toMillis());
            }
        }
        Collections.sort(waits);
        return new Result(
                submitted.size() + rejected.get(),
                unsent + rejected.get(),
                percentile(waits, 50),
                percentile(waits, 95));
    }

    private static long percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** Waits in ms; -1 when none was sent. */
    record Result(int submitted, int unsent, long p50, long p95) {}
}

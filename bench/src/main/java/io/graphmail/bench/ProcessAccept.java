package io.graphmail.bench;

import com.mongodb.client.MongoClients;
import io.graphmail.faults.Http;
import java.net.URI;

/**
 * The accept benchmark ({@link AcceptRuns}) with the gateway and MongoDB each in a process of its own, as in
 * production, against a RabbitMQ node of the benchmark's own; no worker runs. The baseline's plain clients run in
 * this JVM. The CPU columns read from the OS: the gateway's POST counts the gateway's process and MongoDB's, the
 * baseline this JVM's and MongoDB's.
 */
public final class ProcessAccept {

    /** Full batches accepted before the timed runs (see {@link AcceptRuns#measure}). */
    private static final int WARM_UP_BATCHES = Integer.getInteger("bench.accept.warmupBatches", 12);

    private ProcessAccept() {}

    public static void main(String[] args) {
        Exit.after(ProcessAccept::run);
    }

    private static void run() throws Exception {
        var started = ProcessStack.start("-accept", 0);
        var ports = started.ports();
        try (var stack = started.stack();
                var broker = new RawBroker(URI.create("amqp://guest:guest@127.0.0.1:" + ports.amqp()));
                var mongo = MongoClients.create("mongodb://127.0.0.1:" + ports.mongo())) {
            String accountId = Batches.accountId("accept");
            started.registerAccount(accountId);
            long gateway = stack.gateway().pid();
            long database = stack.mongo().pid();
            System.out.printf(
                    "Services' pids: api-gateway %d, embedded-mongo %d; this JVM %d%n",
                    gateway, database, ProcessHandle.current().pid());
            var api = stack.api();
            AcceptRuns.measure(
                    ", services in their own processes",
                    accountId,
                    json -> submit(api, json),
                    broker,
                    mongo.getDatabase("graphmail").getCollection("mail"),
                    AcceptRuns.Cpu.of(gateway, database),
                    AcceptRuns.Cpu.of(ProcessHandle.current().pid(), database),
                    WARM_UP_BATCHES);
        }
    }

    private static String submit(Http api, String json) {
        var response = api.post("/api/v1/mail/batches", json, null)
                .orElseThrow(() -> new IllegalStateException("no answer to the batch"));
        if (response.statusCode() != 202) {
            throw new IllegalStateException("the batch answered " + response.statusCode());
        }
        return response.headers().firstValue("Location").orElseThrow();
    }
}

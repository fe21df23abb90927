package io.graphmail.bench;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static io.graphmail.contract.MailTopology.COMMANDS_EXCHANGE;
import static io.graphmail.contract.MailTopology.SYNC_ROUTING_KEY;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import io.graphmail.contract.sync.SyncMailboxCommand;
import io.graphmail.platform.messaging.ConfirmedPublisher;
import io.graphmail.simulator.mailbox.DeltaCounts.DeltaStats;
import io.graphmail.testsupport.RunningSimulator;
import io.graphmail.testsupport.TestAccounts;
import io.graphmail.testsupport.TestBackends;
import io.graphmail.worker.graph.GraphMailboxReader;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.Codec;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sync ingest: messages per second of a first sync of one inbox (N generated messages with 4 KB bodies, pages of 100,
 * the simulator without latency) by one worker into MongoDB, from the publish of a {@link SyncMailboxCommand} until
 * the folder's sync state records the command done. The baseline does the same unavoidable I/O with plain code: GETs
 * of the same delta pages (java.net.http, Jackson for the ids and next link) and, per page, a driver bulk upsert of
 * the very documents the sync stored into the same collection, under a fresh account. The raw writes alone are
 * printed as well. Sync, baseline and raw writes alternate, each on fresh accounts.
 */
public final class SyncIngest {

    private static final int MESSAGES = Integer.getInteger("bench.sync.messages", 10_000);
    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    private static final int WARM_UP = 2_000;
    private static final int PAGE_SIZE = 100;
    private static final int BODY_BYTES = 4_000;
    private static final String FOLDER = "inbox";
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    private static final double TARGET = 0.7;
    /** The bearer token the simulator accepts for every mailbox (its default static token). */
    private static final String SIMULATOR_TOKEN = "sim-token";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Codec<Document> DOCUMENT_CODEC =
            MongoClientSettings.getDefaultCodecRegistry().get(Document.class);

    private final RunningSimulator simulator;
    private final ConfigurableApplicationContext worker;
    private final MongoCollection<Document> accounts;
    private final MongoCollection<Document> messages;
    private final MongoCollection<Document> syncStates;

    private SyncIngest(RunningSimulator simulator, ConfigurableApplicationContext worker, MongoDatabase database) {
        this.simulator = simulator;
        this.worker = worker;
        this.accounts = database.getCollection("accounts");
        this.messages = database.getCollection("messages");
        this.syncStates = database.getCollection("sync_states");
    }

    public static void main(String[] args) {
        Exit.after(SyncIngest::run);
    }

    private static void run() throws Exception {
        String mongoUri = TestBackends.mongoUri();
        // On a busy machine the gaps between a run's steps can outlast the simulator's keep-alive; the worker does not
        // retry a Graph request whose pooled connection the server closed, so its next sync would fail on an EOF.
        try (var simulator = RunningSimulator.start("--server.tomcat.keep-alive-timeout=10m");
                var worker = InProcess.worker(simulator, "--graphmail.sync.page-size=" + PAGE_SIZE);
                var mongo = MongoClients.create(mongoUri)) {
            var database = mongo.getDatabase(new ConnectionString(mongoUri).getDatabase());
            new SyncIngest(simulator, worker, database).measure();
        }
    }

    private void measure() throws Exception {
        var warmUp = sync(WARM_UP);
        forget(
                warmUp.accountId(),
                baseline(warmUp.accountId(), warmUp.mailbox()).accountId(),
                raw(warmUp.accountId()).accountId());

        var syncs = new ArrayList<Sync>();
        var baselines = new ArrayList<Baseline>();
        var raws = new ArrayList<Raw>();
        for (int run = 0; run < RUNS; run++) {
            var synced = sync(MESSAGES);
            var baseline = baseline(synced.accountId(), synced.mailbox());
            forget(baseline.accountId());
            var raw = raw(synced.accountId());
            forget(synced.accountId(), raw.accountId());
            syncs.add(synced);
            baselines.add(baseline);
            raws.add(raw);
        }
        print(syncs, baselines, raws);
    }

    /** A first sync of a fresh account's inbox holding {@code count} messages, timed from publish to done. */
    private Sync sync(int count) {
        String accountId = Batches.accountId("sync");
        String mailbox = Batches.mailbox(accountId);
        accounts.insertOne(TestAccounts.applicationAccount(accountId, mailbox));
        simulator.generateMessages(mailbox, FOLDER, count, Map.of("bodyBytes", BODY_BYTES));
        var command = new SyncMailboxCommand(
                UUID.randomUUID(),
                UUID.randomUUID(),
                accountId,
                List.of(FOLDER),
                SyncMailboxCommand.Mode.INCREMENTAL,
                null,
                Instant.now());
        var publisher = worker.getBean(ConfirmedPublisher.class);
        System.gc();
        double graphBefore = deltaCallNanos();
        long cpuStart = cpuNanos();
        long start = System.nanoTime();
        publisher.publish(COMMANDS_EXCHANGE, SYNC_ROUTING_KEY, command, command.commandId());
        boolean done = Waiting.until(
                () -> completed(accountId, command.commandId().toString()), TIMEOUT, Duration.ofMillis(50));
        long nanos = System.nanoTime() - start;
        long cpu = cpuNanos() - cpuStart;
        if (!done) {
            throw new IllegalStateException(
                    "the sync of %,d messages did not complete in %s".formatted(count, TIMEOUT));
        }
        return new Sync(
                accountId,
                mailbox,
                nanos,
                cpu,
                (long) (deltaCallNanos() - graphBefore),
                messages.countDocuments(eq("accountId", accountId)),
                simulator.deltaStats(mailbox));
    }

    /**
     * The sync's unavoidable I/O with plain code: the same delta pages GET from the simulator with java.net.http (same
     * {@code $select}, page size and immutable ids), each parsed with Jackson for its message ids and next link, and
     * for each page the documents the sync stored for those messages, under a fresh account (so every upsert inserts),
     * written as one unordered driver bulk of {@code ReplaceOne} upserts by id into the same collection; page after
     * page, timed from the first GET to the last write.
     */
    private Baseline baseline(String syncedAccount, String mailbox) throws Exception {
        String accountId = Batches.accountId("plain");
        var documents = new HashMap<String, Document>();
        for (Document stored : messages.find(eq("accountId", syncedAccount)).batchSize(PAGE_SIZE)) {
            var document = new Document(stored);
            document.put("_id", idOf(accountId, stored.getString("graphId")));
            document.put("accountId", accountId);
            documents.put(stored.getString("graphId"), document);
        }
        String link = simulator.graphBaseUrl() + "/users/" + mailbox + "/mailFolders/" + FOLDER
                + "/messages/delta?$select=" + String.join(",", GraphMailboxReader.selectedProperties());
        long reading = 0;
        int pages = 0;
        System.gc();
        long cpuStart = cpuNanos();
        long start = System.nanoTime();
        while (link != null) {
            long pageStart = System.nanoTime();
            var response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(link))
                            .header("Authorization", "Bearer " + SIMULATOR_TOKEN)
                            .header("Prefer", "odata.maxpagesize=" + PAGE_SIZE + ", IdType=\"ImmutableId\"")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(link + " answered " + response.statusCode());
            }
            JsonNode page = JSON.readTree(response.body());
            var writes = new ArrayList<WriteModel<Document>>();
            for (JsonNode message : page.path("value")) {
                Document document = documents.get(message.path("id").asString());
                if (document == null) {
                    throw new IllegalStateException("the sync stored no message " + message.path("id"));
                }
                writes.add(new ReplaceOneModel<>(eq("_id", document.getString("_id")), document, UPSERT));
            }
            link = page.has("@odata.nextLink") ? page.path("@odata.nextLink").asString() : null;
            pages++;
            reading += System.nanoTime() - pageStart;
            if (!writes.isEmpty()) {
                messages.bulkWrite(writes, UNORDERED);
            }
        }
        long nanos = System.nanoTime() - start;
        long cpu = cpuNanos() - cpuStart;
        return new Baseline(accountId, nanos, cpu, reading, pages, messages.countDocuments(eq("accountId", accountId)));
    }

    /**
     * Writes the documents the sync stored for {@code syncedAccount} again, as a fresh account's (new ids, so every
     * upsert inserts, as on a first sync), in unordered bulk upserts of one page each; timed from the first write.
     */
    private Raw raw(String syncedAccount) {
        String accountId = Batches.accountId("raw");
        var writes = new ArrayList<WriteModel<Document>>();
        long bytes = 0;
        for (Document stored : messages.find(eq("accountId", syncedAccount)).batchSize(PAGE_SIZE)) {
            var document = new Document(stored);
            String id = idOf(accountId, stored.getString("graphId"));
            document.put("_id", id);
            document.put("accountId", accountId);
            bytes += new RawBsonDocument(document, DOCUMENT_CODEC)
                    .getByteBuffer()
                    .remaining();
            writes.add(new ReplaceOneModel<>(eq("_id", id), document, UPSERT));
        }
        System.gc();
        long start = System.nanoTime();
        for (int from = 0; from < writes.size(); from += PAGE_SIZE) {
            messages.bulkWrite(writes.subList(from, Math.min(writes.size(), from + PAGE_SIZE)), UNORDERED);
        }
        long nanos = System.nanoTime() - start;
        return new Raw(
                accountId,
                nanos,
                messages.countDocuments(eq("accountId", accountId)),
                writes.isEmpty() ? 0 : bytes / writes.size());
    }

    /** Deletes what a run stored, so that every run writes into a collection of the same size. */
    private void forget(String... accountIds) {
        messages.deleteMany(in("accountId", List.of(accountIds)));
    }

    private boolean completed(String accountId, String commandId) {
        Document state = syncStates.find(eq("_id", accountId + ":" + FOLDER)).first();
        if (state == null) {
            return false;
        }
        if (state.getString("lastError") != null) {
            throw new IllegalStateException("the sync failed: " + state.getString("lastError"));
        }
        return state.getList("completedCommands", String.class, List.of()).contains(commandId);
    }

    /** The worker's time in Graph delta calls so far (HTTP, the simulator, and the SDK reading the page). */
    private double deltaCallNanos() {
        return worker
                .getBean(MeterRegistry.class)
                .find("graphmail.graph.requests")
                .tag("operation", "delta")
                .timers()
                .stream()
                .mapToDouble(timer -> timer.totalTime(TimeUnit.NANOSECONDS))
                .sum();
    }

    /**
     * CPU time of this whole process so far (worker, simulator, in-process MongoDB and this class): on a busy machine
     * steadier than wall-clock time, which other processes' load stretches.
     */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The worker's id for a Graph message (MessageDocuments.idOf). */
    private static String idOf(String accountId, String graphId) {
        return UUID.nameUUIDFromBytes((accountId + "\n" + graphId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private void print(List<Sync> syncs, List<Baseline> baselines, List<Raw> raws) {
        var table = new Table(
                "Sync ingest: first sync of %,d messages into MongoDB (%,d bytes each as stored), pages of %d, one worker"
                        .formatted(MESSAGES, raws.get(0).bytesPerDocument(), PAGE_SIZE),
                "run",
                "pages",
                "sync s",
                "in Graph calls s",
                "sync msg/s",
                "baseline s",
                "GET+parse s",
                "baseline msg/s",
                "ratio",
                "sync CPU s",
                "baseline CPU s",
                "CPU ratio",
                "raw writes msg/s",
                "vs raw writes");
        boolean allStored = true;
        double[] ratios = new double[syncs.size()];
        double[] cpuRatios = new double[syncs.size()];
        for (int run = 0; run < syncs.size(); run++) {
            var synced = syncs.get(run);
            var baseline = baselines.get(run);
            var raw = raws.get(run);
            allStored &= synced.stored() == MESSAGES && raw.stored() == MESSAGES && baseline.stored() == MESSAGES;
            allStored &= baseline.pages() == synced.delta().pages();
            ratios[run] = (double) baseline.nanos() / synced.nanos();
            cpuRatios[run] = (double) baseline.cpuNanos() / synced.cpuNanos();
            table.row(
                    run + 1,
                    synced.delta().pages(),
                    Table.seconds(synced.nanos()),
                    Table.seconds(synced.graphNanos()),
                    Table.rate(Table.perSecond(MESSAGES, synced.nanos())),
                    Table.seconds(baseline.nanos()),
                    Table.seconds(baseline.readNanos()),
                    Table.rate(Table.perSecond(MESSAGES, baseline.nanos())),
                    Table.ratio(ratios[run]),
                    Table.seconds(synced.cpuNanos()),
                    Table.seconds(baseline.cpuNanos()),
                    Table.ratio(cpuRatios[run]),
                    Table.rate(Table.perSecond(MESSAGES, raw.nanos())),
                    Table.ratio((double) raw.nanos() / synced.nanos()));
        }
        double median = Table.median(ratios);
        table.summary("median", Map.of("ratio", Table.ratio(median), "CPU ratio", Table.ratio(Table.median(cpuRatios))))
                .print();
        for (int run = 0; run < syncs.size(); run++) {
            var delta = syncs.get(run).delta();
            System.out.printf(
                    "Run %d at the simulator: %d initial delta round(s), %d token round(s), %d pages (%.1f messages a page),"
                            + " %d with immutable ids; the baseline read %d pages%n",
                    run + 1,
                    delta.initialRounds(),
                    delta.tokenRounds(),
                    delta.pages(),
                    (double) MESSAGES / delta.pages(),
                    delta.immutableIdRequests(),
                    baselines.get(run).pages());
        }
        System.out.printf(
                "Documents stored per run, sync / baseline / raw writes: %s (expected %,d each)%n",
                IntStream.range(0, syncs.size())
                        .mapToObj(run -> "%,d / %,d / %,d"
                                .formatted(
                                        syncs.get(run).stored(),
                                        baselines.get(run).stored(),
                                        raws.get(run).stored()))
                        .toList(),
                MESSAGES);
        System.out.printf(
                "Target: sync >= %.1f x baseline (plain GETs of the same pages + driver bulk upserts), every message"
                        + " stored once: %s%n",
                TARGET, Table.verdict(median >= TARGET && allStored));
    }

    private record Sync(
            String accountId,
            String mailbox,
            long nanos,
            long cpuNanos,
            long graphNanos,
            long stored,
            DeltaStats delta) {}

    private record Baseline(String accountId, long nanos, long cpuNanos, long readNanos, int pages, long stored) {}

    private record Raw(String accountId, long nanos, long stored, long bytesPerDocument) {}
}

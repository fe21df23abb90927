package io.graphmail.bench;

import static com.mongodb.client.model.Filters.eq;
import static io.graphmail.contract.MailTopology.SEND_QUEUE;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.graphmail.testsupport.TestAccounts;
import io.graphmail.testsupport.TestBackends;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;

/**
 * Accept rate: messages per second of a 10,000-message template batch, from the start of the POST to its 202 (every
 * message recorded and confirmed by the broker); no worker runs. The baseline does the same unavoidable I/O with the
 * plain clients: a driver bulk insert of the very records the gateway wrote for a batch (read back from MongoDB, given
 * fresh ids) into the same collection, then a confirmed publish of the very commands it published (same properties
 * and bytes, drained from its queue) to a quorum queue in chunks of 500, one wait for confirms each, as the gateway
 * does; one after the other, as the gateway must. The broker part alone is printed as well. Broker only, baseline
 * and gateway alternate; everything each run stored or queued is removed after it. Beside the times, the CPU this
 * whole process (gateway, in-process MongoDB, benchmark) used in the baseline and in the gateway's POST, and their
 * ratio: on a machine shared with other work that is steadier than the wall clock.
 */
public final class AcceptRate {

    private static final int MESSAGES = Integer.getInteger("bench.messages", 10_000);
    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    /** The gateway records and publishes a batch in chunks of 500 (Outbox.CHUNK), one wait for confirms each. */
    private static final int CHUNK = 500;

    private static final int WARM_UP = 1_000;

    /**
     * Full batches the gateway accepts before the timed runs. The JIT compiles a method after thousands of calls and a
     * batch calls most of its per-message methods once per message, so the first batches pay for compiling; a gateway
     * that has run a while does not. The JIT columns show what is left of it in each timed run.
     */
    private static final int WARM_UP_BATCHES = Integer.getInteger("bench.accept.warmupBatches", 1);

    private static final double TARGET = 0.8;

    private AcceptRate() {}

    public static void main(String[] args) {
        Exit.after(AcceptRate::run);
    }

    private static void run() throws Exception {
        String mongoUri = TestBackends.mongoUri();
        try (var gateway = InProcess.gateway();
                var broker = new RawBroker(TestBackends.rabbitUri());
                var mongo = MongoClients.create(mongoUri)) {
            var mail = mongo.getDatabase(new ConnectionString(mongoUri).getDatabase())
                    .getCollection("mail");
            var api = new GatewayClient(InProcess.port(gateway));
            String accountId = Batches.accountId("accept");
            api.registerAccount(TestAccounts.applicationAccountJson(accountId, Batches.mailbox(accountId)));
            String batch = Batches.template(accountId, MESSAGES);

            // A short warm-up first (a cold gateway on a busy machine is slow), then a full batch: more warm-up, and
            // the records and commands to copy.
            String first = batchId(api.submitBatch(Batches.template(accountId, WARM_UP)));
            broker.purge(SEND_QUEUE);
            mail.deleteMany(eq("batchId", first));
            for (int extra = 1; extra < WARM_UP_BATCHES; extra++) {
                String extraBatch = batchId(api.submitBatch(batch));
                broker.purge(SEND_QUEUE);
                mail.deleteMany(eq("batchId", extraBatch));
            }
            String warmUp = batchId(api.submitBatch(batch));
            List<RawBroker.Message> commands = broker.drain(SEND_QUEUE, MESSAGES);
            List<Document> records = mail.find(eq("batchId", warmUp)).into(new ArrayList<>());
            if (records.size() != MESSAGES) {
                throw new IllegalStateException("the gateway recorded %,d of %,d".formatted(records.size(), MESSAGES));
            }
            mail.deleteMany(eq("batchId", warmUp));
            String rawQueue = broker.declareQueue();
            var baseline = new Baseline(mail, broker, rawQueue, records, commands);
            baseline.run();
            broker.publish(rawQueue, commands, CHUNK);
            broker.purge(rawQueue);

            var table = new Table(
                    ("Accept rate: %,d-message template batch, POST to 202 (command %,d bytes, record %,d bytes),"
                                    + " after %,d warm-up batch(es)")
                            .formatted(
                                    MESSAGES,
                                    commands.get(0).body().length,
                                    records.get(0).toJson().length(),
                                    WARM_UP_BATCHES),
                    "run",
                    "broker only msg/s",
                    "baseline s",
                    "insert s",
                    "publish s",
                    "baseline msg/s",
                    "gateway s",
                    "gateway msg/s",
                    "ratio",
                    "vs broker only",
                    "baseline CPU s",
                    "gateway CPU s",
                    "CPU ratio",
                    "baseline JIT s",
                    "gateway JIT s",
                    "CPU ratio less JIT");
            double[] ratios = new double[RUNS];
            double[] cpuRatios = new double[RUNS];
            double[] netCpuRatios = new double[RUNS];
            for (int run = 0; run < RUNS; run++) {
                long brokerOnly = broker.publish(rawQueue, commands, CHUNK);
                broker.purge(rawQueue);
                var plain = baseline.run();
                System.gc();
                double cpuStart = cpuSeconds();
                double jitStart = jitSeconds();
                long start = System.nanoTime();
                String batchId = batchId(api.submitBatch(batch));
                long ours = System.nanoTime() - start;
                double ourCpu = cpuSeconds() - cpuStart;
                double ourJit = jitSeconds() - jitStart;
                broker.purge(SEND_QUEUE);
                mail.deleteMany(eq("batchId", batchId));
                ratios[run] = (double) plain.nanos() / ours;
                cpuRatios[run] = plain.cpuSeconds() / ourCpu;
                netCpuRatios[run] = (plain.cpuSeconds() - plain.jitSeconds()) / (ourCpu - ourJit);
                table.row(
                        run + 1,
                        Table.rate(Table.perSecond(MESSAGES, brokerOnly)),
                        Table.seconds(plain.nanos()),
                        Table.seconds(plain.insertNanos()),
                        Table.seconds(plain.nanos() - plain.insertNanos()),
                        Table.rate(Table.perSecond(MESSAGES, plain.nanos())),
                        Table.seconds(ours),
                        Table.rate(Table.perSecond(MESSAGES, ours)),
                        Table.ratio(ratios[run]),
                        Table.ratio((double) brokerOnly / ours),
                        "%.2f".formatted(plain.cpuSeconds()),
                        "%.2f".formatted(ourCpu),
                        Table.ratio(cpuRatios[run]),
                        "%.2f".formatted(plain.jitSeconds()),
                        "%.2f".formatted(ourJit),
                        Table.ratio(netCpuRatios[run]));
            }
            broker.delete(rawQueue);
            double median = Table.median(ratios);
            table.summary(
                            "median",
                            Map.of(
                                    "ratio",
                                    Table.ratio(median),
                                    "CPU ratio",
                                    Table.ratio(Table.median(cpuRatios)),
                                    "CPU ratio less JIT",
                                    Table.ratio(Table.median(netCpuRatios))))
                    .print();
            System.out.printf(
                    "Target: gateway >= %.1f x baseline (driver bulk insert + confirmed publish): %s%n",
                    TARGET, Table.verdict(median >= TARGET));
        }
    }

    /** CPU seconds this process has used so far, all threads. */
    private static double cpuSeconds() {
        return ProcessCpu.seconds(ProcessHandle.current().pid());
    }

    /** CPU seconds this process's JIT compiler threads have used so far. */
    private static double jitSeconds() {
        return ProcessCpu.compilingSeconds(ProcessHandle.current().pid());
    }

    private static String batchId(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** The gateway's unavoidable I/O for one batch, done with the plain MongoDB driver and amqp-client. */
    private record Baseline(
            MongoCollection<Document> mail,
            RawBroker broker,
            String queue,
            List<Document> records,
            List<RawBroker.Message> commands) {

        /** Inserts copies of the records (fresh ids, a batch of their own), then publishes the commands. */
        Timing run() throws Exception {
            String batchId = UUID.randomUUID().toString();
            var copies = new ArrayList<Document>(records.size());
            for (Document record : records) {
                var copy = new Document(record);
                copy.put("_id", UUID.randomUUID().toString());
                copy.put("batchId", batchId);
                copies.add(copy);
            }
            System.gc();
            double cpuStart = cpuSeconds();
            double jitStart = jitSeconds();
            long start = System.nanoTime();
            for (int from = 0; from < copies.size(); from += CHUNK) {
                mail.insertMany(copies.subList(from, Math.min(copies.size(), from + CHUNK)));
            }
            long inserted = System.nanoTime();
            broker.publish(queue, commands, CHUNK);
            long end = System.nanoTime();
            double cpu = cpuSeconds() - cpuStart;
            double jit = jitSeconds() - jitStart;
            broker.purge(queue);
            long stored = mail.countDocuments(eq("batchId", batchId));
            mail.deleteMany(eq("batchId", batchId));
            if (stored != records.size()) {
                throw new IllegalStateException("the baseline stored %,d of %,d".formatted(stored, records.size()));
            }
            return new Timing(end - start, inserted - start, cpu, jit);
        }
    }

    private record Timing(long nanos, long insertNanos, double cpuSeconds, double jitSeconds) {}
}

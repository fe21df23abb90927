package io.graphmail.bench;

import static com.mongodb.client.model.Filters.eq;
import static io.graphmail.contract.MailTopology.SEND_QUEUE;

import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.bson.Document;

/**
 * The accept benchmark's runs, wherever the gateway runs (in this JVM: {@link AcceptRate}; in a process of its own:
 * {@link ProcessAccept}): warm-up batches, the baseline's copies of one batch's records and commands, then broker
 * only, baseline and gateway alternating, and the table with the target.
 */
final class AcceptRuns {

    static final int MESSAGES = Integer.getInteger("bench.messages", 10_000);
    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    /** The gateway records and publishes a batch in chunks of 500 (Outbox.CHUNK), one wait for confirms each. */
    private static final int CHUNK = 500;

    private static final int WARM_UP = 1_000;

    private static final double TARGET = 0.8;

    /** CPU seconds, all threads and of them the JIT compiler's, of the processes doing one side's work. */
    record Cpu(List<Long> pids) {

        static Cpu of(Long... pids) {
            return new Cpu(List.of(pids));
        }

        double seconds() {
            return pids.stream().mapToDouble(ProcessCpu::seconds).sum();
        }

        double jitSeconds() {
            return pids.stream().mapToDouble(ProcessCpu::compilingSeconds).sum();
        }
    }

    private AcceptRuns() {}

    /**
     * @param where what the title says of where the gateway runs
     * @param submit submits a batch's JSON and answers the Location of the 202
     * @param warmUpBatches full batches the gateway accepts before the timed runs: the JIT compiles a method after
     *     thousands of calls and a batch calls most of its per-message methods once per message, so the first batches
     *     pay for compiling; a gateway that has run a while does not. The JIT columns show what is left in each run.
     */
    static void measure(
            String where,
            String accountId,
            Function<String, String> submit,
            RawBroker broker,
            MongoCollection<Document> mail,
            Cpu gatewayCpu,
            Cpu baselineCpu,
            int warmUpBatches)
            throws Exception {
        String batch = Batches.template(accountId, MESSAGES);

        // A short warm-up first (a cold gateway on a busy machine is slow), then a full batch: more warm-up, and
        // the records and commands to copy.
        String first = batchId(submit.apply(Batches.template(accountId, WARM_UP)));
        broker.purge(SEND_QUEUE);
        mail.deleteMany(eq("batchId", first));
        for (int extra = 1; extra < warmUpBatches; extra++) {
            String extraBatch = batchId(submit.apply(batch));
            broker.purge(SEND_QUEUE);
            mail.deleteMany(eq("batchId", extraBatch));
        }
        String warmUp = batchId(submit.apply(batch));
        List<RawBroker.Message> commands = broker.drain(SEND_QUEUE, MESSAGES);
        List<Document> records = mail.find(eq("batchId", warmUp)).into(new ArrayList<>());
        if (records.size() != MESSAGES) {
            throw new IllegalStateException("the gateway recorded %,d of %,d".formatted(records.size(), MESSAGES));
        }
        mail.deleteMany(eq("batchId", warmUp));
        String rawQueue = broker.declareQueue();
        var baseline = new Baseline(mail, broker, rawQueue, records, commands, baselineCpu);
        baseline.run();
        broker.publish(rawQueue, commands, CHUNK);
        broker.purge(rawQueue);

        var table = new Table(
                ("Accept rate%s: %,d-message template batch, POST to 202 (command %,d bytes, record %,d bytes),"
                                + " after %,d warm-up batch(es)")
                        .formatted(
                                where,
                                MESSAGES,
                                commands.get(0).body().length,
                                records.get(0).toJson().length(),
                                warmUpBatches),
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
            double cpuStart = gatewayCpu.seconds();
            double jitStart = gatewayCpu.jitSeconds();
            long start = System.nanoTime();
            String batchId = batchId(submit.apply(batch));
            long ours = System.nanoTime() - start;
            double ourCpu = gatewayCpu.seconds() - cpuStart;
            double ourJit = gatewayCpu.jitSeconds() - jitStart;
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

    private static String batchId(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** The gateway's unavoidable I/O for one batch, done with the plain MongoDB driver and amqp-client. */
    private record Baseline(
            MongoCollection<Document> mail,
            RawBroker broker,
            String queue,
            List<Document> records,
            List<RawBroker.Message> commands,
            Cpu cpu) {

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
            double cpuStart = cpu.seconds();
            double jitStart = cpu.jitSeconds();
            long start = System.nanoTime();
            for (int from = 0; from < copies.size(); from += CHUNK) {
                mail.insertMany(copies.subList(from, Math.min(copies.size(), from + CHUNK)));
            }
            long inserted = System.nanoTime();
            broker.publish(queue, commands, CHUNK);
            long end = System.nanoTime();
            double used = cpu.seconds() - cpuStart;
            double jit = cpu.jitSeconds() - jitStart;
            broker.purge(queue);
            long stored = mail.countDocuments(eq("batchId", batchId));
            mail.deleteMany(eq("batchId", batchId));
            if (stored != records.size()) {
                throw new IllegalStateException("the baseline stored %,d of %,d".formatted(stored, records.size()));
            }
            return new Timing(end - start, inserted - start, used, jit);
        }
    }

    private record Timing(long nanos, long insertNanos, double cpuSeconds, double jitSeconds) {}
}

package io.graphmail.bench;

import static io.graphmail.contract.MailTopology.SEND_QUEUE;

import io.graphmail.testsupport.RunningSimulator;
import io.graphmail.testsupport.TestAccounts;
import io.graphmail.testsupport.TestBackends;
import java.time.Duration;
import java.util.List;

/**
 * Pipeline: messages per second from the POST of a template batch until the gateway reports every message SENT
 * (gateway, RabbitMQ, worker, simulator with no latency and no limits, result events), with one and two workers,
 * next to the broker's raw consume rate measured just before with as many consumers and the same prefetch. The
 * workers run unpaced (test-support's worker settings) unless an account has limits of its own; the last case gives
 * its account limits too high to bind, to show what pacing's bookkeeping costs.
 */
public final class Pipeline {

    private static final int MESSAGES = Integer.getInteger("bench.messages", 1_000);
    private static final int WARM_UP = 300;
    /** mail-worker.yml: graphmail.worker.concurrency and spring.rabbitmq.listener.simple.prefetch. */
    private static final int CONSUMERS_PER_WORKER = 4;

    private static final int PREFETCH = 10;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Pipeline() {}

    private record Case(int workers, boolean pacing) {}

    public static void main(String[] args) {
        Exit.after(Pipeline::run);
    }

    private static void run() throws Exception {
        try (var simulator = RunningSimulator.start();
                var gateway = InProcess.gateway();
                var workers = new Workers(simulator);
                var broker = new RawBroker(TestBackends.rabbitUri())) {
            var api = new GatewayClient(InProcess.port(gateway));
            byte[] command = sampleCommand(api, broker);
            String rawQueue = broker.declareQueue();
            var table = new Table(
                    "Pipeline: %,d messages, POST to all SENT (command %,d bytes)".formatted(MESSAGES, command.length),
                    "workers",
                    "pacing",
                    "raw consume msg/s",
                    "accept s",
                    "at Graph s",
                    "all SENT s",
                    "end-to-end msg/s",
                    "sent",
                    "ratio");
            boolean met = true;
            workers.scaleTo(1);
            send(api, simulator, WARM_UP, false);
            for (var run : List.of(new Case(1, false), new Case(2, false), new Case(2, true))) {
                workers.scaleTo(run.workers());
                broker.publish(rawQueue, command, MESSAGES, 500);
                long rawNanos = broker.consume(rawQueue, MESSAGES, CONSUMERS_PER_WORKER * run.workers(), PREFETCH);
                double raw = Table.perSecond(MESSAGES, rawNanos);
                Result ours = send(api, simulator, MESSAGES, run.pacing());
                double ratio = ours.perSecond() / raw;
                met &= run.pacing() || (ratio >= 0.5 && ours.sent() == MESSAGES);
                table.row(
                        run.workers(),
                        run.pacing() ? "on" : "off",
                        Table.rate(raw),
                        Table.seconds(ours.acceptNanos()),
                        Table.seconds(ours.graphNanos()),
                        Table.seconds(ours.totalNanos()),
                        Table.rate(ours.perSecond()),
                        ours.sent(),
                        Table.ratio(ratio));
            }
            broker.delete(rawQueue);
            table.print();
            System.out.printf(
                    "Graph requests per delivered message (graphmail.mail.graph.requests, mean): %.2f%n",
                    workers.mean("graphmail.mail.graph.requests"));
            System.out.printf(
                    "Target: end-to-end >= 0.5 x raw consume, all SENT (pacing off): %s%n", Table.verdict(met));
        }
    }

    /** A real command as the gateway publishes it, taken while no worker runs. */
    private static byte[] sampleCommand(GatewayClient api, RawBroker broker) throws Exception {
        String accountId = Batches.accountId("sample");
        api.registerAccount(TestAccounts.applicationAccountJson(accountId, Batches.mailbox(accountId)));
        api.submitBatch(Batches.template(accountId, 1));
        byte[] command = broker.peek(SEND_QUEUE);
        broker.purge(SEND_QUEUE);
        return command;
    }

    /**
     * Sends a batch from a fresh account (with pacing: limits of 100,000 a minute and 100 at once, which never bind)
     * and waits until the gateway reports all of it SENT.
     */
    private static Result send(GatewayClient api, RunningSimulator simulator, int messages, boolean pacing) {
        String accountId = Batches.accountId("pipeline");
        String mailbox = Batches.mailbox(accountId);
        api.registerAccount(
                pacing
                        ? TestAccounts.applicationAccountJson(accountId, mailbox, 100_000, 100)
                        : TestAccounts.applicationAccountJson(accountId, mailbox));
        String batch = Batches.template(accountId, messages);
        long start = System.nanoTime();
        String location = api.submitBatch(batch);
        long accepted = System.nanoTime();
        // The simulator's counter is cheap to poll; the gateway's counts only for the last few.
        Waiting.until(() -> simulator.stats(mailbox).sends() >= messages, TIMEOUT, Duration.ofMillis(50));
        long atGraph = System.nanoTime();
        Waiting.until(() -> api.count(location, "SENT") >= messages, TIMEOUT, Duration.ofMillis(50));
        long end = System.nanoTime();
        return new Result(accepted - start, atGraph - start, end - start, api.count(location, "SENT"));
    }

    private record Result(long acceptNanos, long graphNanos, long totalNanos, long sent) {

        double perSecond() {
            return Table.perSecond(sent, totalNanos);
        }
    }
}

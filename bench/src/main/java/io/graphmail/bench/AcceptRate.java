package io.graphmail.bench;

import static io.graphmail.contract.MailTopology.SEND_QUEUE;

import io.graphmail.testsupport.TestAccounts;
import io.graphmail.testsupport.TestBackends;
import java.util.Arrays;

/**
 * Accept rate: messages per second of a 10,000-message template batch, from the start of the POST to its 202 (every
 * message recorded and confirmed by the broker), next to a raw confirmed publish of as many messages of the same size
 * in the same run. No worker runs, so only acceptance is measured; raw and gateway runs alternate.
 */
public final class AcceptRate {

    private static final int MESSAGES = Integer.getInteger("bench.messages", 10_000);
    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    /** The gateway publishes a batch in chunks of 500 with one wait for confirms each. */
    private static final int CONFIRM_CHUNK = 500;

    private AcceptRate() {}

    public static void main(String[] args) {
        Exit.after(AcceptRate::run);
    }

    private static void run() throws Exception {
        try (var gateway = InProcess.gateway();
                var broker = new RawBroker(TestBackends.rabbitUri())) {
            var api = new GatewayClient(InProcess.port(gateway));
            String accountId = Batches.accountId("accept");
            api.registerAccount(TestAccounts.applicationAccountJson(accountId, Batches.mailbox(accountId)));
            String batch = Batches.template(accountId, MESSAGES);

            api.submitBatch(batch); // warm-up, and a real command to copy the size of
            byte[] command = broker.peek(SEND_QUEUE);
            broker.purge(SEND_QUEUE);
            String rawQueue = broker.declareQueue();
            broker.publish(rawQueue, command, MESSAGES, CONFIRM_CHUNK);
            broker.purge(rawQueue);

            var table = new Table(
                    "Accept rate: %,d-message template batch, POST to 202 (command %,d bytes)"
                            .formatted(MESSAGES, command.length),
                    "run",
                    "raw publish s",
                    "raw msg/s",
                    "gateway s",
                    "gateway msg/s",
                    "ratio");
            double[] ratios = new double[RUNS];
            for (int run = 0; run < RUNS; run++) {
                long raw = broker.publish(rawQueue, command, MESSAGES, CONFIRM_CHUNK);
                broker.purge(rawQueue);
                long start = System.nanoTime();
                api.submitBatch(batch);
                long ours = System.nanoTime() - start;
                broker.purge(SEND_QUEUE);
                ratios[run] = (double) raw / ours;
                table.row(
                        run + 1,
                        Table.seconds(raw),
                        Table.rate(Table.perSecond(MESSAGES, raw)),
                        Table.seconds(ours),
                        Table.rate(Table.perSecond(MESSAGES, ours)),
                        Table.ratio(ratios[run]));
            }
            broker.delete(rawQueue);
            Arrays.sort(ratios);
            double median = ratios[RUNS / 2];
            table.row("median", "", "", "", "", Table.ratio(median));
            table.print();
            System.out.printf("Target: gateway >= 0.5 x raw confirmed publish: %s%n", Table.verdict(median >= 0.5));
        }
    }
}

package io.graphmail.bench;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClients;
import io.graphmail.testsupport.TestAccounts;
import io.graphmail.testsupport.TestBackends;

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

    /** Full batches accepted before the timed runs (see {@link AcceptRuns#measure}). */
    private static final int WARM_UP_BATCHES = Integer.getInteger("bench.accept.warmupBatches", 1);

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
            var thisProcess = AcceptRuns.Cpu.of(ProcessHandle.current().pid());
            AcceptRuns.measure(
                    "", accountId, api::submitBatch, broker, mail, thisProcess, thisProcess, WARM_UP_BATCHES);
        }
    }
}

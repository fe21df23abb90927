package io.graphmail.bench;

import io.graphmail.testsupport.RunningSimulator;
import io.graphmail.testsupport.TestAccounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Pacing efficiency: 10 mailboxes, each allowed R messages a minute by the simulator (and 4 requests at once, as
 * Graph), 200 ms per send. Every account has more mail queued than it may send; after the run time, the sends let
 * through across the mailboxes are compared with what the limits allow, and the 429s the simulator answered counted.
 * Runs only once the worker paces sends per account ({@code io.graphmail.worker.pacing}), unless
 * {@code -Dbench.pacing.force=true}.
 */
public final class Pacing {

    private static final int MAILBOXES = 10;
    private static final int PER_MINUTE = Integer.getInteger("bench.pacing.perMinute", 60);
    private static final int SECONDS = Integer.getInteger("bench.pacing.seconds", 60);
    private static final int WORKERS = Integer.getInteger("bench.workers", 2);
    private static final int LATENCY_MS = 200;

    private Pacing() {}

    public static void main(String[] args) throws Exception {
        if (Pacing.class.getClassLoader().getResource("io/graphmail/worker/pacing") == null
                && !Boolean.getBoolean("bench.pacing.force")) {
            System.out.println("Pacing: cannot run yet, the worker has no per-account pacing"
                    + " (io.graphmail.worker.pacing); -Dbench.pacing.force=true runs it anyway.");
            System.exit(0);
        }
        List<ConfigurableApplicationContext> workers = new ArrayList<>();
        try (var simulator = RunningSimulator.start();
                var gateway = InProcess.gateway()) {
            var api = new GatewayClient(InProcess.port(gateway));
            simulator.latency("/v1.0/users/*/sendMail", LATENCY_MS);
            List<String> accounts = new ArrayList<>();
            boolean accountLimits = true;
            for (int i = 0; i < MAILBOXES; i++) {
                String accountId = Batches.accountId("pacing-" + i);
                accounts.add(accountId);
                simulator.limit(Batches.mailbox(accountId), PER_MINUTE, 4);
                accountLimits &= register(api, accountId);
            }
            for (int i = 0; i < WORKERS; i++) {
                workers.add(InProcess.worker(simulator));
            }
            int perAccount = PER_MINUTE * SECONDS / 60 * 3 / 2 + 10;
            List<String> batches = new ArrayList<>();
            long start = System.nanoTime();
            accounts.forEach(accountId -> batches.add(api.submitBatch(Batches.template(accountId, perAccount))));
            Waiting.sleep(Duration.ofNanos(start + SECONDS * 1_000_000_000L - System.nanoTime()));
            long elapsed = System.nanoTime() - start;
            var stats = accounts.stream()
                    .map(accountId -> simulator.stats(Batches.mailbox(accountId)))
                    .toList();
            batches.forEach(location -> api.post(location + "/cancel", ""));
            print(stats, elapsed, accountLimits);
        } finally {
            workers.forEach(ConfigurableApplicationContext::close);
        }
        System.exit(0);
    }

    /**
     * Registers the account, with a limit of its own ({@code "limits":{"messagesPerMinute":R}}) if the API takes one;
     * returns whether the account then shows limits.
     */
    private static boolean register(GatewayClient api, String accountId) {
        String plain = TestAccounts.applicationAccountJson(accountId, Batches.mailbox(accountId));
        String limited = plain.substring(0, plain.length() - 1)
                + ",\"limits\":{\"messagesPerMinute\":%d}}".formatted(PER_MINUTE);
        if (!api.registerAccount(limited) && !api.registerAccount(plain)) {
            throw new IllegalStateException("the gateway refused account " + accountId);
        }
        return api.json("/api/v1/accounts/" + accountId).has("limits");
    }

    private static void print(List<RunningSimulator.MailboxStats> stats, long elapsed, boolean accountLimits) {
        double allowed = PER_MINUTE * (elapsed / 60e9);
        var table = new Table(
                "Pacing: %d mailboxes x %d/min, %d ms per send, %d worker(s), %s s%s"
                        .formatted(
                                MAILBOXES,
                                PER_MINUTE,
                                LATENCY_MS,
                                WORKERS,
                                Table.seconds(elapsed),
                                accountLimits ? "" : " (account limits not accepted by the API)"),
                "mailbox",
                "sent",
                "allowed",
                "achieved %",
                "429s",
                "max in any minute");
        long sent = 0;
        long throttled = 0;
        for (int i = 0; i < stats.size(); i++) {
            var mailbox = stats.get(i);
            sent += mailbox.sends();
            throttled += mailbox.throttled();
            table.row(
                    i + 1,
                    mailbox.sends(),
                    "%.0f".formatted(allowed),
                    percent(mailbox.sends(), allowed),
                    mailbox.throttled(),
                    mailbox.maxSendsInAnyMinute());
        }
        double achieved = sent / (allowed * stats.size());
        table.row(
                "all",
                sent,
                "%.0f".formatted(allowed * stats.size()),
                percent(sent, allowed * stats.size()),
                throttled,
                "");
        table.print();
        System.out.printf(
                "Target: >= 95 %% of allowed and no 429: %s%n", Table.verdict(achieved >= 0.95 && throttled == 0));
    }

    private static String percent(long sent, double allowed) {
        return "%.1f".formatted(100 * sent / allowed);
    }
}

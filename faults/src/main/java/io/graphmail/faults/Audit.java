package io.graphmail.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Waits until every accepted message of a scenario has a final status (or the time is up), then compares, per
 * message, the gateway's status with the copies the simulator received: each must be SENT with exactly one copy.
 */
final class Audit {

    private static final Set<String> FINAL = Set.of("SENT", "FAILED", "DEAD_LETTERED", "CANCELLED");

    private final Http api;
    private final Http simulator;
    private final List<String> mailboxes;

    Audit(Http api, Http simulator, List<String> mailboxes) {
        this.api = api;
        this.simulator = simulator;
        this.mailboxes = mailboxes;
    }

    Result check(String scenario, Load load, Duration settle) {
        List<Load.Accepted> accepted = load.accepted();
        long started = System.nanoTime();
        Waiting.within(
                settle,
                Duration.ofSeconds(2),
                () -> statuses(accepted).values().stream().allMatch(FINAL::contains));
        long settledSeconds = (System.nanoTime() - started) / 1_000_000_000L;
        Map<String, String> statuses = statuses(accepted);
        Map<String, List<String>> copies = copies(scenario);
        var result = new Result(scenario, settledSeconds, load.repeats(), load.refused());
        for (var submission : accepted) {
            for (String marker : submission.markers()) {
                result.markers++;
                int count = copies.getOrDefault(marker, List.of()).size();
                if (count == 0) {
                    result.problem("lost", marker);
                } else if (count > 1) {
                    result.problem("duplicated", marker + " x" + count);
                }
            }
        }
        Set<String> keysSeen = new HashSet<>();
        copies.values().forEach(keys -> keys.forEach(key -> keysSeen.add(key.split("#")[0])));
        statuses.forEach((id, status) -> {
            result.statuses.merge(status, 1, Integer::sum);
            if (!FINAL.contains(status)) {
                result.problem("stuck", id + " " + status);
            } else if (!"SENT".equals(status)) {
                result.problem("not sent", id + " " + status);
            } else if (!keysSeen.contains(id)) {
                result.problem("SENT without a copy", id);
            }
        });
        if (statuses.size() != result.markers) {
            result.problem("message count", "gateway holds " + statuses.size() + " for " + result.markers + " markers");
        }
        return result;
    }

    /** Gateway status per message id, of single sends and of every batch's messages. */
    private Map<String, String> statuses(List<Load.Accepted> accepted) {
        var statuses = new HashMap<String, String>();
        for (var submission : accepted) {
            if (submission.batch()) {
                String after = null;
                do {
                    String page =
                            submission.location() + "/messages?limit=1000" + (after == null ? "" : "&after=" + after);
                    JsonNode body = api.get(page).orElseThrow(() -> new IllegalStateException("cannot read " + page));
                    body.path("items")
                            .forEach(item -> statuses.put(
                                    item.path("id").asString(),
                                    item.path("status").asString()));
                    after = body.path("nextCursor").isNull()
                                    || body.path("nextCursor").isMissingNode()
                            ? null
                            : body.path("nextCursor").asString();
                } while (after != null);
            } else {
                String id =
                        submission.location().substring(submission.location().lastIndexOf('/') + 1);
                statuses.put(
                        id,
                        api.get(submission.location())
                                .map(m -> m.path("status").asString())
                                .orElse("UNREADABLE"));
            }
        }
        return statuses;
    }

    /** The delivery keys of the copies the simulator received (delivered or still queued), per marker. */
    private Map<String, List<String>> copies(String scenario) {
        var copies = new TreeMap<String, List<String>>();
        for (String mailbox : mailboxes) {
            for (String view : List.of("sent", "outbox")) {
                JsonNode body = simulator
                        .get("/_sim/mailboxes/" + mailbox + "/" + view)
                        .orElseThrow(() -> new IllegalStateException("cannot read the simulator's " + view));
                for (JsonNode message : body.path("value")) {
                    String subject = message.path("subject").asString("");
                    if (subject.startsWith(scenario + "-")) {
                        copies.computeIfAbsent(subject, s -> new ArrayList<>()).add(deliveryKey(message));
                    }
                }
            }
        }
        return copies;
    }

    private static String deliveryKey(JsonNode message) {
        for (JsonNode property : message.path("singleValueExtendedProperties")) {
            if (property.path("id").asString("").endsWith("graphmailDeliveryKey")) {
                return property.path("value").asString();
            }
        }
        return "";
    }

    /** What a scenario came to. */
    static final class Result {
        final String scenario;
        final long settledSeconds;
        final int repeats;
        final List<String> refused;
        final Map<String, Integer> statuses = new TreeMap<>();
        final Map<String, List<String>> problems = new TreeMap<>();
        int markers;

        Result(String scenario, long settledSeconds, int repeats, List<String> refused) {
            this.scenario = scenario;
            this.settledSeconds = settledSeconds;
            this.repeats = repeats;
            this.refused = refused;
        }

        void problem(String kind, String detail) {
            problems.computeIfAbsent(kind, k -> new ArrayList<>()).add(detail);
        }

        int count(String kind) {
            return problems.getOrDefault(kind, List.of()).size();
        }

        boolean passed() {
            return problems.isEmpty() && refused.isEmpty();
        }
    }
}

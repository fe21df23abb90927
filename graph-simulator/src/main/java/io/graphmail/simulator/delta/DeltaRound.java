package io.graphmail.simulator.delta;

import io.graphmail.simulator.mailbox.ChangeLog;
import io.graphmail.simulator.mailbox.Message;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Works out what a delta round reports from the change log alone, so that every page of a round sees the same list:
 * first the messages that left the folder (in the order they left), then those added or changed, newest first, each
 * once in its state as of the round's snapshot.
 */
final class DeltaRound {

    /**
     * "Applying {@code $filter} in a delta query returns only up to 5,000 messages." (concepts/delta-query-messages.md).
     * Which ones Microsoft does not say; the simulator returns the newest.
     */
    static final int FILTERED_ROUND_CAP = 5_000;

    private DeltaRound() {}

    /** The round's entries, given the log's changes up to the state's snapshot. */
    static List<DeltaItem> items(List<ChangeLog.Change> changes, SyncState state) {
        return items(changes, state, FILTERED_ROUND_CAP);
    }

    /** @param filteredCap the most messages a filtered initial round returns */
    static List<DeltaItem> items(List<ChangeLog.Change> changes, SyncState state, int filteredCap) {
        Predicate<Message> matching = state.options().matching();
        Predicate<Message> inScope =
                message -> message != null && state.folder().equals(message.parentFolderId()) && matching.test(message);
        int since = (int) state.since();
        var messages = new HashMap<String, Message>();
        changes.subList(0, since).forEach(change -> apply(messages, change));
        Set<String> before =
                messages.values().stream().filter(inScope).map(Message::id).collect(Collectors.toSet());
        var lastChange = new LinkedHashMap<String, Long>();
        for (var change : changes.subList(since, changes.size())) {
            apply(messages, change);
            lastChange.put(change.messageId(), change.sequence());
        }
        var items = new ArrayList<DeltaItem>();
        var changed = new ArrayList<Message>();
        lastChange.keySet().forEach(id -> {
            Message now = messages.get(id);
            boolean existed = before.contains(id);
            if (inScope.test(now) && reports(state, existed ? "updated" : "created")) {
                changed.add(now);
            } else if (!inScope.test(now) && existed && reports(state, "deleted")) {
                items.add(DeltaItem.removed(id));
            }
        });
        changed.sort(Comparator.comparing(Message::receivedDateTime)
                .thenComparing(message -> lastChange.get(message.id()))
                .reversed());
        var reported = state.initial() && state.options().filter() != null && changed.size() > filteredCap
                ? changed.subList(0, filteredCap)
                : changed;
        reported.forEach(message -> items.add(DeltaItem.changed(message)));
        return List.copyOf(items);
    }

    private static boolean reports(SyncState state, String kind) {
        return state.initial() || state.options().reports(kind);
    }

    private static void apply(Map<String, Message> messages, ChangeLog.Change change) {
        if (change.after() == null) {
            messages.remove(change.messageId());
        } else {
            messages.put(change.messageId(), change.after());
        }
    }
}

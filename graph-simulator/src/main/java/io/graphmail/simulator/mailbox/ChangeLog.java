package io.graphmail.simulator.mailbox;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Every change of a mailbox's messages in order, numbered from 1: what delta queries are answered from. Sync states
 * name the log by its key, which a new mailbox does not share, and by its generation, which expiring them raises. Not
 * thread-safe: its mailbox guards it.
 */
public final class ChangeLog {

    /** One change: the message's state after it, or none when it was deleted. */
    public record Change(long sequence, String messageId, Message after) {}

    /** Where the log stands: what a sync state issued now records. */
    public record Position(String key, long generation, long sequence) {}

    private final String key = UUID.randomUUID().toString();
    private final List<Change> changes = new ArrayList<>();
    private long generation = 1;

    void record(String messageId, Message after) {
        changes.add(new Change(changes.size() + 1L, messageId, after));
    }

    Position position() {
        return new Position(key, generation, changes.size());
    }

    /** The changes numbered 1 to {@code sequence}; they never change once recorded. */
    List<Change> upTo(long sequence) {
        return List.copyOf(changes.subList(0, (int) Math.min(sequence, changes.size())));
    }

    /** Makes every sync state issued so far unknown. */
    long expire() {
        return ++generation;
    }
}

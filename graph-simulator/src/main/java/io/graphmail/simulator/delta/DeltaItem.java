package io.graphmail.simulator.delta;

import io.graphmail.simulator.mailbox.Message;

/** One entry of a delta round: a message in its latest state, or the id of one that left the folder. */
record DeltaItem(String id, Message message, String removedReason) {

    static DeltaItem changed(Message message) {
        return new DeltaItem(message.id(), message, null);
    }

    /**
     * A message that left the folder, deleted or moved to another folder alike: Microsoft's message delta pages show
     * only {@code "reason": "deleted"}, and no page says that a move reads otherwise, so a client must not tell the two
     * apart by the reason (the moved message turns up in its new folder's delta).
     */
    static DeltaItem removed(String id) {
        return new DeltaItem(id, null, "deleted");
    }

    boolean isRemoved() {
        return message == null;
    }
}

package io.graphmail.simulator.mail;

/** One entry of a delta round: a message in its latest state, or the id of one that left the folder. */
record DeltaItem(String id, Message message, String removedReason) {

    static DeltaItem changed(Message message) {
        return new DeltaItem(message.id(), message, null);
    }

    /** Graph's reasons: {@code deleted} for a message deleted for good, {@code changed} for one moved elsewhere. */
    static DeltaItem removed(String id, String reason) {
        return new DeltaItem(id, null, reason);
    }

    boolean isRemoved() {
        return message == null;
    }
}

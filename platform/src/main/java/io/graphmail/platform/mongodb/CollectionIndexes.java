package io.graphmail.platform.mongodb;

/**
 * Indexes a collection needs beyond what its document class declares (TTLs with configured lifetimes, compound
 * orders); {@link EntityIndexes} creates them with the declared ones, once MongoDB answers.
 */
public interface CollectionIndexes {

    /** Creates the indexes; called again after a failure, so it must be idempotent (as createIndex is). */
    void create();
}

package io.graphmail.devmongo;

import org.h2.mvstore.MVStore;

/**
 * How a data file stores documents and index keys. A file created by this version holds a marker and stores them as
 * {@link BsonDocuments} and {@link IndexKeys}; a file without the marker was written with H2's default (Java
 * serialization) by an earlier version, and is read and written as before: the two formats cannot share a map, and
 * an index's order depends on its key type.
 */
enum StoredFormat {
    BSON,
    JAVA_SERIALIZATION;

    /** No dot: H2Database drops a database's maps by the prefix {@code <database>.}, which no database can give this. */
    private static final String MARKER = "graphmail-stored-format-bson";
    /** The maps H2Backend opens databases from; a file without them holds no data yet. */
    private static final String DATA_MAPS = "databases.";

    /** Marks a file that holds no data yet as BSON; answers the file's format. */
    static StoredFormat settle(MVStore store) {
        if (!store.hasMap(MARKER) && store.getMapNames().stream().noneMatch(name -> name.startsWith(DATA_MAPS))) {
            store.openMap(MARKER).put("version", 1);
            store.commit();
        }
        return of(store);
    }

    static StoredFormat of(MVStore store) {
        return store.hasMap(MARKER) ? BSON : JAVA_SERIALIZATION;
    }
}

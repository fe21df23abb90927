package io.graphmail.devmongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.netty.channel.Channel;
import java.nio.file.Path;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * An H2 (MVStore) backend that commits every change to its file before the reply leaves, so a write the client saw
 * acknowledged survives the process being killed. MVStore on its own commits in the background about once a second,
 * and a {@code kill -9} loses whatever it had not committed yet. A commit writes to the file but does not force it to
 * the disk: the data outlives the process, not a power loss of the machine, which is what local runs need. Its
 * collections find documents by {@code _id} as MongoDB does ({@link IdIndexedH2Collection}); a new file stores them
 * as BSON and orders index keys by their values ({@link StoredFormat}).
 */
final class DurableH2Backend extends H2Backend {

    /**
     * MVStore's page cache, in MB. Its default of 16 MB holds a few thousand mail records, so a stack that has sent a
     * few batches reads (and deserialises) most pages again from the file on every lookup by {@code _id}; MongoDB keeps
     * its working set in WiredTiger's cache (half the memory less 1 GB by default), and so does this, up to this size.
     */
    static final int PAGE_CACHE_MB = 128;

    private final MVStore store;

    private DurableH2Backend(MVStore store) {
        super(store);
        this.store = store;
    }

    static DurableH2Backend open(Path file) {
        MVStore store = new MVStore.Builder()
                .fileName(file.toString())
                .cacheSize(PAGE_CACHE_MB)
                .open();
        StoredFormat.settle(store);
        return new DurableH2Backend(store);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new IdIndexedDatabase(databaseName);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            commitChanges();
        }
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        try {
            return super.handleMessage(message);
        } finally {
            commitChanges();
        }
    }

    private void commitChanges() {
        if (store.hasUnsavedChanges()) {
            store.commit();
        }
    }

    /**
     * H2Database with {@link IdIndexedH2Collection}s. An inner class reading the backend's store: H2Backend opens the
     * databases of an existing file, and H2Database their collections, from their constructors, before a field of a
     * subclass is set.
     */
    private final class IdIndexedDatabase extends H2Database {

        IdIndexedDatabase(String name) {
            super(name, getMvStore(), getCursorRegistry());
        }

        /** Opens the collection's maps under the names H2Database gives them, so that existing files open as before. */
        @Override
        protected MongoCollection<Object> openOrCreateCollection(String name, CollectionOptions options) {
            String namespace = getFullCollectionNamespace(name);
            MVMap<Object, Document> documents = bson()
                    ? getMvStore()
                            .openMap(
                                    "databases." + namespace,
                                    new MVMap.Builder<Object, Document>().valueType(new BsonDocuments()))
                    : getMvStore().openMap("databases." + namespace);
            return new IdIndexedH2Collection(
                    this, name, options, documents, getMvStore().openMap("meta." + namespace), cursorRegistry);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(
                String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            if (!bson()) {
                return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
            }
            MVMap<KeyValue, Object> positions = getMvStore()
                    .openMap(
                            getFullCollectionNamespace(collectionName) + "._index_" + indexName,
                            new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeys()));
            return new KeyValueIndex(positions, indexName, keys, sparse);
        }

        private boolean bson() {
            return StoredFormat.of(getMvStore()) == StoredFormat.BSON;
        }
    }
}

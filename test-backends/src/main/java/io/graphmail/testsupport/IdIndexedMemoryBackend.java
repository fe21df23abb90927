package io.graphmail.testsupport;

import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Cursor;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.List;
import java.util.stream.Stream;

/**
 * mongo-java-server's in-memory backend, except that a query naming {@code _id} besides other
 * fields (say {@code {_id: x, status: "SENDING"}}, every conditional update by id) is answered from
 * the {@code _id} index, as MongoDB does, instead of by scanning the whole collection. Without
 * this, every such update costs time in proportion to the collection, which real MongoDB never does.
 *
 * <p>And reads answer copies ({@link ReadCopies}): the backend would answer the stored documents
 * themselves, which a write running while the answer is encoded changes field by field.
 */
final class IdIndexedMemoryBackend extends MemoryBackend {

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new IdIndexedDatabase(databaseName, getCursorRegistry());
    }

    private static final class IdIndexedDatabase extends MemoryDatabase {

        private final CursorRegistry cursors;

        IdIndexedDatabase(String name, CursorRegistry cursors) {
            super(name, cursors);
            this.cursors = cursors;
        }

        @Override
        protected MemoryCollection openOrCreateCollection(String name, CollectionOptions options) {
            return new IdIndexedCollection(this, name, options, cursors);
        }
    }

    private static final class IdIndexedCollection extends MemoryCollection {

        private final ReadCopies copies = new ReadCopies();

        IdIndexedCollection(MemoryDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
            super(database, name, options, cursors);
        }

        @Override
        public synchronized QueryResult handleQuery(QueryParameters query) {
            return copies.of(super.handleQuery(query));
        }

        @Override
        protected Cursor createCursor(List<Document> remaining) {
            return super.createCursor(copies.of(remaining));
        }

        @Override
        public synchronized Stream<Document> queryAllAsStream() {
            return copies.ofStored(super::queryAllAsStream);
        }

        @Override
        public synchronized Document findAndModify(Document command) {
            return copies.whileModifying(() -> super.findAndModify(command));
        }

        @Override
        public synchronized int deleteDocuments(Document selector, int limit, Oplog oplog) {
            return copies.whileModifying(() -> super.deleteDocuments(selector, limit, oplog));
        }

        @Override
        protected QueryResult queryDocuments(
                Document query, Document orderBy, int numberToSkip, int limit, int batchSize, Document fieldSelector) {
            if (query.size() > 1 && query.containsKey("_id")) {
                var byId = new Document("_id", query.get("_id"));
                for (var index : getIndexes()) {
                    if (index.canHandle(byId)) {
                        // The index narrows the candidates; the full query still decides.
                        return matchDocuments(
                                query,
                                index.getPositions(byId),
                                orderBy,
                                numberToSkip,
                                limit,
                                batchSize,
                                fieldSelector);
                    }
                }
            }
            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
    }
}

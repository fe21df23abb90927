package io.graphmail.devmongo;

import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Cursor;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.List;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;

/**
 * An H2 collection that answers a query naming an {@code _id} besides other conditions from the {@code _id} index, as
 * MongoDB does, instead of reading every document: {@code {_id: x, status: ...}} and the driver's {@code Filters.and}
 * form, {@code {$and: [{_id: x}, ...]}}, which every conditional update by id takes. Without it such an update costs
 * time in proportion to the collection, which real MongoDB never does.
 *
 * <p>And reads answer copies ({@link ReadCopies}): H2 would answer the stored documents themselves, which a write
 * running while the answer is encoded changes field by field.
 */
final class IdIndexedH2Collection extends H2Collection {

    private final ReadCopies copies = new ReadCopies();

    IdIndexedH2Collection(
            H2Database database,
            String name,
            CollectionOptions options,
            MVMap<Object, Document> documents,
            MVMap<String, Object> metadata,
            CursorRegistry cursors) {
        super(database, name, options, documents, metadata, cursors);
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
        Document byId = query.size() > 1 || query.containsKey("$and") ? idCondition(query) : null;
        if (byId != null) {
            for (var index : getIndexes()) {
                if (index.canHandle(byId)) {
                    // The index narrows the candidates; the whole query still decides.
                    return matchDocuments(
                            query, index.getPositions(byId), orderBy, numberToSkip, limit, batchSize, fieldSelector);
                }
            }
        }
        return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /** The {@code _id} condition a query requires, at its top level or in a top-level {@code $and}; null if none. */
    static Document idCondition(Document query) {
        if (query.containsKey("_id")) {
            return new Document("_id", query.get("_id"));
        }
        if (query.get("$and") instanceof List<?> all) {
            for (Object part : all) {
                if (part instanceof Document condition && condition.containsKey("_id")) {
                    return new Document("_id", condition.get("_id"));
                }
            }
        }
        return null;
    }
}

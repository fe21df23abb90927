package io.graphmail.testsupport;

import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Copies of what a mongo-java-server collection answers, so that the answer stays as it was when the query ran.
 * The backend's reads hand out the stored documents, which its writes change in place, field by field; the server
 * encodes an answer for the wire after the collection's lock is released, so a write in between would send a
 * document half old, half new (an old {@code leases} with a new {@code version}, which an optimistic write then
 * takes for current). MongoDB never answers a document half updated.
 *
 * <p>A shallow copy is enough: an update computes the new document from a deep copy of the stored one and puts its
 * top-level values into it, so a nested value is replaced, never changed; a copy of the top level holds the values of
 * one moment.
 *
 * <p>The collection's own writes find the documents they change through the same query path and must get the
 * stored ones: {@link #whileModifying} marks that, under the collection's lock, which every method of it holds.
 * Aggregations read the stored documents too ({@link #ofStored}): copying the whole collection for every count would
 * cost far more than the count, and graphmail's pipelines all end in a {@code $group}, which answers new documents.
 * Hand-written: mongo-java-server has no option for it.
 */
final class ReadCopies {

    private boolean modifying;

    /** The result, copied unless the collection's own write asked for it. */
    QueryResult of(QueryResult result) {
        if (modifying) {
            return result;
        }
        var documents = new ArrayList<Document>();
        result.forEach(document -> documents.add(document.clone()));
        return new QueryResult(documents, result.getCursorId());
    }

    /** Documents a cursor hands out later, copied now, while the collection's lock is held. */
    List<Document> of(List<Document> remaining) {
        return modifying ? remaining : remaining.stream().map(Document::clone).toList();
    }

    /** Runs one of the collection's writes, which gets the stored documents; its answer is copied. */
    @SuppressWarnings("unchecked")
    <T> T whileModifying(Supplier<T> write) {
        T answer = ofStored(write);
        return answer instanceof Document document ? (T) document.cloneDeeply() : answer;
    }

    /** Runs a read that gets the stored documents themselves. */
    <T> T ofStored(Supplier<T> read) {
        modifying = true;
        try {
            return read.get();
        } finally {
            modifying = false;
        }
    }
}

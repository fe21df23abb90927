package io.graphmail.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractMongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.NoopOplog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A read answers the documents as they were when it ran. mongo-java-server hands out the stored documents themselves
 * and encodes them for the wire after its lock is released, while an update changes a stored document field by field:
 * a read answered while a write runs could mix old and new fields (say the old {@code leases} with the new
 * {@code version}), and an optimistic write based on it would then drop what the other write added. MongoDB never
 * answers a document half updated.
 */
class ConsistentReadsTests {

    MongoCollection<?> pacing;

    @BeforeEach
    void storeOneDocument() {
        var database = (AbstractMongoDatabase<?>) new IdIndexedMemoryBackend().resolveDatabase("test");
        pacing = database.createCollectionOrThrowIfExists("pacing", CollectionOptions.withDefaults());
        pacing.addDocument(new Document("_id", "a")
                .append("leases", new Document("l1", 1L))
                .append("version", 1L));
    }

    @Test
    void aDocumentReadIsNotChangedByAWriteAfterIt() {
        Document read = pacing.handleQuery(new Document("_id", "a")).iterator().next();

        pacing.updateDocuments(
                new Document("_id", "a").append("version", 1L),
                new Document("$set", new Document("leases.l2", 2L)).append("$inc", new Document("version", 1L)),
                ArrayFilters.empty(),
                false,
                false,
                NoopOplog.get());

        assertThat(read.get("version")).isEqualTo(1L);
        assertThat((Document) read.get("leases")).containsOnlyKeys("l1");
        Document now = pacing.handleQuery(new Document("_id", "a")).iterator().next();
        assertThat(now.get("version")).isEqualTo(2L);
        assertThat((Document) now.get("leases")).containsOnlyKeys("l1", "l2");
    }

    @Test
    void aFindAndModifyStillChangesTheStoredDocument() {
        Document answer = pacing.findAndModify(new Document("findAndModify", "pacing")
                .append("query", new Document("_id", "a").append("version", 1L))
                .append("update", new Document("$inc", new Document("version", 1L)))
                .append("new", true));

        assertThat(((Document) answer.get("value")).get("version")).isEqualTo(2L);
        assertThat(pacing.handleQuery(new Document("_id", "a"))
                        .iterator()
                        .next()
                        .get("version"))
                .isEqualTo(2L);
    }
}

package io.graphmail.devmongo;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractMongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.NoopOplog;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A read answers the documents as they were when it ran, not the stored objects a later write changes in place: the
 * server encodes an answer after the collection's lock is released, and MongoDB never answers a document half
 * updated (an old {@code leases} with a new {@code version}, which an optimistic write would take for current).
 */
class ConsistentReadsTests {

    @TempDir
    Path directory;

    DurableH2Backend backend;
    MongoCollection<?> pacing;

    @BeforeEach
    void storeOneDocument() {
        backend = DurableH2Backend.open(directory.resolve("mongo.mv"));
        var database = (AbstractMongoDatabase<?>) backend.resolveDatabase("graphmail");
        pacing = database.createCollectionOrThrowIfExists("pacing", CollectionOptions.withDefaults());
        pacing.addDocument(new Document("_id", "a")
                .append("leases", new Document("l1", 1L))
                .append("version", 1L));
    }

    @AfterEach
    void close() {
        backend.close();
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

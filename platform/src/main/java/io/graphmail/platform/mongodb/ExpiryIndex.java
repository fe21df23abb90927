package io.graphmail.platform.mongodb;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.index.IndexOperations;

/**
 * A TTL index whose lifetime an operator configures. MongoDB refuses {@code createIndex} for an existing index with
 * another {@code expireAfterSeconds} (IndexOptionsConflict), so a changed lifetime would stop every later index of the
 * collection from being created; the index is dropped and created again with the new lifetime instead. (MongoDB's
 * {@code collMod} could change it in place, but the in-process MongoDB the tests use does not implement it.)
 */
public record ExpiryIndex(String name, String field, Duration lifetime) {

    private static final Logger log = LoggerFactory.getLogger(ExpiryIndex.class);

    /** Creates the index, replacing one of the same name with another lifetime. */
    public void createIn(IndexOperations indexes) {
        indexes.getIndexInfo().stream()
                .filter(existing -> existing.getName().equals(name))
                .filter(existing -> !lifetime.equals(existing.getExpireAfter().orElse(null)))
                .findFirst()
                .ifPresent(existing -> replace(indexes, existing));
        indexes.createIndex(
                new Index(field, Sort.Direction.ASC).named(name).expire(lifetime.toSeconds(), TimeUnit.SECONDS));
    }

    private void replace(IndexOperations indexes, IndexInfo existing) {
        log.info(
                "TTL index {} changes its lifetime from {} to {}: dropped and created again",
                name,
                existing.getExpireAfter().map(Duration::toString).orElse("none"),
                lifetime);
        indexes.dropIndex(name);
    }
}

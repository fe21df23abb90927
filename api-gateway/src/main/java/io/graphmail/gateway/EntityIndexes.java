package io.graphmail.gateway;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexResolver;
import org.springframework.data.mongodb.core.index.MongoPersistentEntityIndexResolver;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Creates the indexes the gateway's documents declare ({@code @Indexed}, TTLs), as Spring Data's
 * {@code auto-index-creation} would, but not at start-up: that creation fails the start when MongoDB is out of
 * reach, and a gateway restarted during an outage would stay down. Tried every 5 s until it succeeds; failures are
 * reported by the scheduler's error handler.
 */
@Component
class EntityIndexes {

    private final MongoTemplate mongo;
    private final MongoMappingContext mappingContext;
    private final AtomicBoolean created = new AtomicBoolean();

    EntityIndexes(MongoTemplate mongo, MongoMappingContext mappingContext) {
        this.mongo = mongo;
        this.mappingContext = mappingContext;
    }

    @Scheduled(fixedDelay = 5, timeUnit = TimeUnit.SECONDS)
    void createIndexes() {
        if (created.get()) {
            return;
        }
        IndexResolver resolver = new MongoPersistentEntityIndexResolver(mappingContext);
        for (MongoPersistentEntity<?> entity : mappingContext.getPersistentEntities()) {
            if (entity.isAnnotationPresent(Document.class)) {
                var indexes = mongo.indexOps(entity.getType());
                resolver.resolveIndexFor(entity.getTypeInformation()).forEach(indexes::createIndex);
            }
        }
        created.set(true);
    }
}

package io.graphmail.platform.mongodb;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexResolver;
import org.springframework.data.mongodb.core.index.MongoPersistentEntityIndexResolver;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Creates the indexes an application's documents declare ({@code @Indexed}, TTLs), as Spring Data's
 * {@code auto-index-creation} would, but without failing the start when MongoDB is out of reach: an application restarted
 * during an outage would stay down. Tried once while the application starts (so unique indexes exist before the
 * first request whenever MongoDB answers), then every 5 s until it succeeds; later failures are reported by the
 * scheduler's error handler.
 */
public class EntityIndexes implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(EntityIndexes.class);

    private final MongoTemplate mongo;
    private final MongoMappingContext mappingContext;
    private final List<CollectionIndexes> collections;
    private final AtomicBoolean created = new AtomicBoolean();

    EntityIndexes(MongoTemplate mongo, MongoMappingContext mappingContext, List<CollectionIndexes> collections) {
        this.mongo = mongo;
        this.mappingContext = mappingContext;
        this.collections = collections;
    }

    @Override
    public void afterSingletonsInstantiated() {
        try {
            createIndexes();
        } catch (RuntimeException e) {
            log.warn(
                    "MongoDB indexes not created at start ({}); trying again every 5 s",
                    e.getClass().getSimpleName());
        }
    }

    @Scheduled(fixedDelay = 5, initialDelay = 5, timeUnit = TimeUnit.SECONDS)
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
        collections.forEach(CollectionIndexes::create);
        created.set(true);
    }
}

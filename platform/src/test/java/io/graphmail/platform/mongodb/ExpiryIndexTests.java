package io.graphmail.platform.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexInfo;

class ExpiryIndexTests {

    MongoServer server;
    MongoClient client;
    MongoTemplate mongo;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        var address = (InetSocketAddress) server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        mongo = new MongoTemplate(client, "test");
        mongo.getCollection("deliveries").insertOne(new Document("_id", "kept"));
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void aChangedLifetimeReplacesTheIndexAndKeepsTheDocuments() {
        new ExpiryIndex("retention", "createdAt", Duration.ofDays(7)).createIn(mongo.indexOps("deliveries"));
        new ExpiryIndex("retention", "createdAt", Duration.ofDays(30)).createIn(mongo.indexOps("deliveries"));

        assertThat(retention()).contains(Duration.ofDays(30));
        assertThat(mongo.getCollection("deliveries").countDocuments()).isEqualTo(1);
    }

    @Test
    void theSameLifetimeLeavesTheIndexAsItIs() {
        new ExpiryIndex("retention", "createdAt", Duration.ofDays(7)).createIn(mongo.indexOps("deliveries"));
        new ExpiryIndex("retention", "createdAt", Duration.ofDays(7)).createIn(mongo.indexOps("deliveries"));

        assertThat(retention()).contains(Duration.ofDays(7));
        assertThat(mongo.indexOps("deliveries").getIndexInfo()).hasSize(2);
    }

    private Optional<Duration> retention() {
        return mongo.indexOps("deliveries").getIndexInfo().stream()
                .filter(index -> index.getName().equals("retention"))
                .findFirst()
                .flatMap(IndexInfo::getExpireAfter);
    }
}

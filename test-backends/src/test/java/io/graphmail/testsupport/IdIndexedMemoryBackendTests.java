package io.graphmail.testsupport;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdIndexedMemoryBackendTests {

    MongoServer server;
    MongoClient client;
    MongoCollection<Document> mail;

    @BeforeEach
    void start() {
        server = new MongoServer(new IdIndexedMemoryBackend());
        client = MongoClients.create("mongodb://" + hostAndPort(server.bind()));
        mail = client.getDatabase("test").getCollection("mail");
        IntStream.range(0, 50)
                .forEach(i ->
                        mail.insertOne(new Document("_id", "m" + i).append("status", i % 2 == 0 ? "SENT" : "SENDING")));
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void aConditionalUpdateByIdStillHonoursItsCondition() {
        assertThat(mail.updateOne(and(eq("_id", "m1"), eq("status", "SENDING")), set("status", "SENT"))
                        .getModifiedCount())
                .isEqualTo(1);
        assertThat(mail.updateOne(and(eq("_id", "m2"), eq("status", "SENDING")), set("status", "FAILED"))
                        .getModifiedCount())
                .as("m2 is SENT already")
                .isZero();
        assertThat(mail.find(eq("_id", "m2")).first().getString("status")).isEqualTo("SENT");
    }

    @Test
    void findsByASetOfIdsAndAnotherField() {
        var found = mail.find(and(in("_id", "m1", "m2", "m3", "missing"), eq("status", "SENDING")))
                .map(document -> document.getString("_id"))
                .into(new ArrayList<>());

        assertThat(found).containsExactlyInAnyOrder("m1", "m3");
    }

    @Test
    void queriesWithoutAnIdScanAsBefore() {
        assertThat(mail.countDocuments(eq("status", "SENT"))).isEqualTo(25);
    }

    private static String hostAndPort(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }
}

package io.graphmail.devmongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queries that name an {@code _id} besides other conditions answer as MongoDB would, and the file reopens as before. */
class IdIndexedH2CollectionTests {

    @TempDir
    Path directory;

    @Test
    void anUpdateByIdAndStatusMatchesOnlyWhenBothHold() {
        withMail(mail -> {
            var sending = mail.findOneAndUpdate(
                    Filters.and(Filters.eq("_id", "m-7"), Filters.nin("status", List.of("SENT"))),
                    Updates.set("status", "SENT"));
            var alreadySent = mail.findOneAndUpdate(
                    Filters.and(Filters.eq("_id", "m-8"), Filters.nin("status", List.of("SENT"))),
                    Updates.set("status", "FAILED"));

            assertThat(sending).isNotNull();
            assertThat(sending.getString("status")).isEqualTo("SENDING");
            assertThat(mail.find(Filters.eq("_id", "m-7")).first().getString("status"))
                    .isEqualTo("SENT");
            assertThat(alreadySent).isNull();
            assertThat(mail.find(Filters.eq("_id", "m-8")).first().getString("status"))
                    .isEqualTo("SENT");
        });
    }

    @Test
    void aFlatQueryAndOneWithIdsInAListAnswerAsWithoutTheIndex() {
        withMail(mail -> {
            var flat = new Document("_id", "m-3").append("status", "SENDING");
            var listed =
                    Filters.and(Filters.in("_id", List.of("m-1", "m-2", "m-3", "m-4")), Filters.eq("status", "SENT"));
            var unknown = Filters.and(Filters.eq("_id", "nobody"), Filters.eq("status", "SENDING"));

            assertThat(mail.find(flat).into(new ArrayList<>())).hasSize(1);
            assertThat(mail.find(listed)
                            .map(document -> document.getString("_id"))
                            .into(new ArrayList<>()))
                    .containsExactlyInAnyOrder("m-2", "m-4");
            assertThat(mail.find(unknown).first()).isNull();
            assertThat(mail.countDocuments(Filters.eq("status", "SENT"))).isEqualTo(50);
        });
    }

    @Test
    void documentsWrittenBeforeARestartAreThereAfterIt() {
        withMail(mail -> mail.updateOne(Filters.eq("_id", "m-1"), Updates.set("status", "SENT")));

        var server = new MongoServer(DurableH2Backend.open(directory.resolve("mongo.mv")));
        try (MongoClient client =
                MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            var mail = client.getDatabase("graphmail").getCollection("mail");
            assertThat(mail.countDocuments()).isEqualTo(100);
            assertThat(mail.countDocuments(Filters.and(Filters.eq("_id", "m-1"), Filters.eq("status", "SENT"))))
                    .isEqualTo(1);
        } finally {
            server.shutdownNow();
        }
    }

    /** 100 messages, the even-numbered ones SENT, in a server over a file of the test's own. */
    private void withMail(Consumer<MongoCollection<Document>> test) {
        var server = new MongoServer(DurableH2Backend.open(directory.resolve("mongo.mv")));
        try (MongoClient client =
                MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            var mail = client.getDatabase("graphmail").getCollection("mail");
            if (mail.countDocuments() == 0) {
                var documents = new ArrayList<Document>();
                for (int i = 0; i < 100; i++) {
                    documents.add(new Document("_id", "m-" + i).append("status", i % 2 == 0 ? "SENT" : "SENDING"));
                }
                mail.insertMany(documents);
            }
            test.accept(mail);
        } finally {
            server.shutdownNow();
        }
    }
}

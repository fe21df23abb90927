package io.graphmail.devmongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server runs in a process of its own, which is killed (SIGKILL) right after the writes it acknowledged. */
class KilledServerIntegrationTests {

    private static final int DOCUMENTS = 300;

    @TempDir
    Path directory;

    private Process server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.destroyForcibly();
        }
    }

    @Test
    void keepsEveryAcknowledgedWriteWhenKilled() throws Exception {
        Path file = directory.resolve("mongo.mv");
        int port = freePort();
        server = start(file, port);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            var mail = collection(client);
            IntStream.range(0, DOCUMENTS)
                    .forEach(i -> mail.insertOne(new Document("_id", i).append("status", "ACCEPTED")));
            mail.updateMany(Filters.lt("_id", DOCUMENTS / 2), Updates.set("status", "SENT"));
            mail.deleteOne(Filters.eq("_id", 0));
            server.destroyForcibly().waitFor();
        }

        server = start(file, port);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            var mail = collection(client);
            assertThat(mail.countDocuments()).isEqualTo(DOCUMENTS - 1);
            assertThat(mail.countDocuments(Filters.eq("status", "SENT"))).isEqualTo(DOCUMENTS / 2 - 1);
        }
    }

    private static MongoCollection<Document> collection(MongoClient client) {
        return client.getDatabase("graphmail").getCollection("mail").withWriteConcern(WriteConcern.ACKNOWLEDGED);
    }

    private static Process start(Path file, int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        EmbeddedMongo.class.getName(),
                        file.toString(),
                        Integer.toString(port)))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        await().atMost(Duration.ofSeconds(30)).until(() -> accepts(port));
        return process;
    }

    private static boolean accepts(int port) {
        try (var socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

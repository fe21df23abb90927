package io.graphmail.devmongo;

import de.bwaldvogel.mongo.MongoServer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MongoDB wire-protocol server that keeps its data in one local file, so graphmail runs on a
 * machine without MongoDB. For local use only; production points {@code MONGODB_URI} at MongoDB. Every write is in
 * the file before it is acknowledged, so killing the process loses nothing a client was told is written.
 *
 * <p>Arguments: {@code [data-file] [port]}, defaulting to {@code data/mongo.mv} and 27017.
 */
public final class EmbeddedMongo {

    private EmbeddedMongo() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "data/mongo.mv").toAbsolutePath();
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 27017;
        Files.createDirectories(file.getParent());
        MongoServer server = new MongoServer(DurableH2Backend.open(file));
        server.bind("127.0.0.1", port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
        System.out.printf("Embedded MongoDB listening on mongodb://127.0.0.1:%d (data in %s)%n", port, file);
        Thread.currentThread().join();
    }
}

package io.graphmail.testsupport;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * An in-process MongoDB (mongo-java-server) on a free port that a test can kill and start again on the same port with
 * its data, as a restarted MongoDB finds its disk.
 */
public final class RestartableMongo implements AutoCloseable {

    /** Survives its server: what a restarted MongoDB finds on its disk. */
    private final MemoryBackend data = new MemoryBackend() {
        @Override
        public void close() {}
    };

    private final int port;
    private MongoServer server = new MongoServer(data);

    public RestartableMongo() {
        port = server.bind().getPort();
    }

    /** {@code mongodb://127.0.0.1:<port>/<database><options>}; options start with {@code ?} or are empty. */
    public String uri(String database, String options) {
        return "mongodb://127.0.0.1:%d/%s%s".formatted(port, database, options);
    }

    /** Stops the server at once, dropping its connections; the data stays for {@link #restart()}. */
    public void kill() {
        server.shutdownNow();
    }

    public void restart() {
        server = new MongoServer(data);
        server.bind("127.0.0.1", port);
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}

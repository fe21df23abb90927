package io.graphmail.testsupport;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * An in-process MongoDB of a test's own that the test can stop, and start again on the same port with the data it
 * had, as a restarted MongoDB finds its disk. Bound on creation.
 */
public final class RestartableMongo implements AutoCloseable {

    /** Survives its server: what a restarted MongoDB finds on its disk. */
    private final MemoryBackend data = new MemoryBackend() {
        @Override
        public void close() {}
    };

    private MongoServer server = new MongoServer(data);
    private final int port = server.bind().getPort();

    /** The connection string for {@code database}, for {@code spring.mongodb.uri}. */
    public String uri(String database) {
        return "mongodb://127.0.0.1:%d/%s".formatted(port, database);
    }

    /** Goes away at once: open connections are closed, new ones refused. */
    public void stop() {
        server.shutdownNow();
    }

    /** Comes back on the same port with the same data. */
    public void start() {
        server = new MongoServer(data);
        server.bind("127.0.0.1", port);
    }

    @Override
    public void close() {
        stop();
    }
}

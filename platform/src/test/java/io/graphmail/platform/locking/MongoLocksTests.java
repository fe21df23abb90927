package io.graphmail.platform.locking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class MongoLocksTests {

    MongoServer server;
    MongoClient client;
    MongoLocks locks;
    ListAppender<ILoggingEvent> serverLog = new ListAppender<>();

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        var address = (InetSocketAddress) server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        locks = new MongoLocks(client.getDatabase("test"));
        serverLog.start();
        ((Logger) LoggerFactory.getLogger("de.bwaldvogel.mongo")).addAppender(serverLog);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger("de.bwaldvogel.mongo")).detachAppender(serverLog);
        client.close();
        server.shutdownNow();
    }

    @Test
    void aHeldLockIsRefusedWithoutAFailedWriteOnTheServer() {
        Optional<SimpleLock> first = locks.lock(config("sweeper", Duration.ofMinutes(1)));
        assertThat(first).isPresent();

        for (int attempt = 0; attempt < 5; attempt++) {
            assertThat(locks.lock(config("sweeper", Duration.ofMinutes(1)))).isEmpty();
        }
        assertThat(serverLog.list)
                .as("MongoDB logged no failed write (ShedLock's own provider hits a duplicate key here)")
                .noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.WARN));
    }

    @Test
    void aReleasedLockIsTakenAgainAndLocksAreIndependent() {
        SimpleLock held = locks.lock(config("a", Duration.ofMinutes(1))).orElseThrow();
        assertThat(locks.lock(config("b", Duration.ofMinutes(1)))).isPresent();

        held.unlock();

        assertThat(locks.lock(config("a", Duration.ofMinutes(1)))).isPresent();
    }

    @Test
    void aLockNeverReleasedEndsByItselfAfterItsTime() {
        assertThat(locks.lock(config("dead-owner", Duration.ofMillis(300)))).isPresent();

        await().atMost(Duration.ofSeconds(5))
                .until(() ->
                        locks.lock(config("dead-owner", Duration.ofMinutes(1))).isPresent());
    }

    @Test
    void theHolderExtendsItsLockWhileItIsValid() {
        SimpleLock held = locks.lock(config("long-work", Duration.ofSeconds(2))).orElseThrow();

        Optional<SimpleLock> extended = held.extend(Duration.ofMinutes(5), Duration.ZERO);

        assertThat(extended).isPresent();
        assertThat(locks.lock(config("long-work", Duration.ofMinutes(1)))).isEmpty();
        extended.get().unlock();
        assertThat(locks.lock(config("long-work", Duration.ofMinutes(1)))).isPresent();
    }

    private static LockConfiguration config(String name, Duration atMost) {
        return new LockConfiguration(Instant.now(), name, atMost, Duration.ZERO);
    }
}

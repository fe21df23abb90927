package io.graphmail.simulator.snapshots;

import io.graphmail.simulator.mailbox.Mailboxes;
import io.graphmail.simulator.mailbox.MailboxesCleared;
import io.graphmail.simulator.mailbox.Message;
import io.graphmail.simulator.mailbox.MessageChanged;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps every mailbox's messages in {@link SnapshotProperties#file()}: read back before the simulator serves its first
 * request, written whole (to a temporary file, then moved over the old one) shortly after changes and on shutdown.
 * Only messages are kept: sent logs, delta tokens, subscriptions and throttling state start afresh, so a delta
 * token issued before a restart answers {@code 410} and the client syncs in full, finding the same messages.
 * A local-run feature; without a file nothing is read or written.
 */
@Component
class MailboxSnapshots implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(MailboxSnapshots.class);
    private static final TypeReference<Map<String, List<Message>>> SHAPE = new TypeReference<>() {};

    private final Mailboxes mailboxes;
    private final JsonMapper json;
    private final SnapshotProperties properties;
    private final AtomicBoolean writeScheduled = new AtomicBoolean();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var thread = new Thread(runnable, "mailbox-snapshots");
        thread.setDaemon(true);
        return thread;
    });

    MailboxSnapshots(Mailboxes mailboxes, JsonMapper json, SnapshotProperties properties) {
        this.mailboxes = mailboxes;
        this.json = json;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Path file = properties.file();
        if (file == null || !Files.exists(file)) {
            return;
        }
        Map<String, List<Message>> stored = json.readValue(file.toFile(), SHAPE);
        stored.forEach((address, messages) -> messages.forEach(mailboxes.of(address)::file));
        log.info(
                "Restored {} messages in {} mailboxes from {}",
                stored.values().stream().mapToInt(List::size).sum(),
                stored.size(),
                file);
    }

    @EventListener({MessageChanged.class, MailboxesCleared.class})
    void changed() {
        if (properties.file() != null && writeScheduled.compareAndSet(false, true)) {
            writer.schedule(this::write, properties.delay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        writer.shutdownNow();
        if (properties.file() != null) {
            write();
        }
    }

    private synchronized void write() {
        writeScheduled.set(false);
        Path file = properties.file().toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
            Path written = file.resolveSibling(file.getFileName() + ".tmp");
            json.writeValue(written.toFile(), mailboxes.messagesByMailbox());
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not keep the mailboxes in {}: {}", file, e.getMessage());
        }
    }
}

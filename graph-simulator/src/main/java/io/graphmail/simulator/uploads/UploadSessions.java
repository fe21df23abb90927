package io.graphmail.simulator.uploads;

import io.graphmail.simulator.mailbox.MailboxesCleared;
import io.graphmail.simulator.mailbox.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The upload sessions in progress, by id; a session goes once its file is attached, cancelled or expired. */
@Component
class UploadSessions {

    /** How long a session accepts bytes. */
    static final Duration LIFETIME = Duration.ofMinutes(15);

    private final Map<String, UploadSession> sessions = new ConcurrentHashMap<>();

    UploadSession open(UploadSession.Target target) {
        var session =
                new UploadSession(random(), random(), target, Message.now().plus(LIFETIME));
        sessions.put(session.id(), session);
        return session;
    }

    /** The session, while it has not expired. */
    Optional<UploadSession> find(String id) {
        UploadSession session = sessions.get(id);
        if (session != null && Instant.now().isAfter(session.expires())) {
            sessions.remove(id);
            return Optional.empty();
        }
        return Optional.ofNullable(session);
    }

    boolean close(String id) {
        return sessions.remove(id) != null;
    }

    @EventListener(MailboxesCleared.class)
    void clear() {
        sessions.clear();
    }

    private static String random() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}

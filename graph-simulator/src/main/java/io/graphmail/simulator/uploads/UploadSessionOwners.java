package io.graphmail.simulator.uploads;

import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Who opened an upload session. Upload URLs carry no bearer token, so the throttle counts their requests against the
 * app and mailbox that opened the session, as Graph's per app and mailbox limits count uploads.
 */
@Component
public class UploadSessionOwners {

    private final UploadSessions sessions;

    UploadSessionOwners(UploadSessions sessions) {
        this.sessions = sessions;
    }

    /** The owner of a session in progress; empty for an unknown, finished or expired one. */
    public Optional<Owner> of(String sessionId) {
        return sessions.find(sessionId)
                .map(session ->
                        new Owner(session.target().app(), session.target().mailbox()));
    }

    /** The app (client id) and mailbox an upload session belongs to. */
    public record Owner(String app, String mailbox) {}
}

package io.graphmail.simulator.delta;

import io.graphmail.simulator.mailbox.ChangeLog;
import io.graphmail.simulator.mailbox.Folder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Turns sync states into the opaque, URL-safe tokens of delta and next links, and back. */
@Component
class SyncTokens {

    private final JsonMapper json;

    SyncTokens(JsonMapper json) {
        this.json = json;
    }

    String encode(SyncState state) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(state));
    }

    /** The state a token stands for, if it is one the mailbox's log issued for this folder and has not expired. */
    Optional<SyncState> decode(String token, ChangeLog.Position position, Folder folder) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token.strip()), StandardCharsets.UTF_8);
            return Optional.of(json.readValue(decoded, SyncState.class))
                    .filter(state -> state.log() != null && state.folder() != null && state.options() != null)
                    .filter(state -> state.belongsTo(position, folder));
        } catch (IllegalArgumentException | JacksonException unreadable) {
            return Optional.empty();
        }
    }
}

package io.graphmail.gateway.mail;

import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.gateway.messaging.MailCommands;
import io.graphmail.platform.logging.CorrelationId;
import io.graphmail.platform.messaging.PublishFailed;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/** A broker in memory: it confirms what it takes, refuses everything while down, or loses some confirms. */
public class FakeBroker implements MailCommands {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What the broker took, with the correlation id it went out with. */
    public record Published(SendMailCommand command, String correlationId) {}

    private final List<Published> published = new ArrayList<>();
    private final List<Integer> chunks = new ArrayList<>();
    private final List<String> publishedJson = new ArrayList<>();
    private final List<UUID> retiredDeadLetterCopies = new ArrayList<>();
    private boolean down;
    private int confirmsLostFromChunk = Integer.MAX_VALUE;
    private Runnable duringEachChunk = () -> {};
    private Runnable stall;

    @Override
    public void publish(SendMailCommand command) {
        if (stall != null) {
            Runnable meanwhile = stall;
            stall = null;
            meanwhile.run();
            throw new PublishFailed("no confirm within the timeout");
        }
        if (down) {
            throw new PublishFailed("the broker is down");
        }
        published.add(new Published(command, CorrelationId.current()));
    }

    @Override
    public List<UUID> publishAll(String routingKey, Map<UUID, String> commands) {
        if (down) {
            throw new PublishFailed("the broker is down");
        }
        chunks.add(commands.size());
        publishedJson.addAll(commands.values());
        commands.values()
                .forEach(json -> published.add(
                        new Published(JSON.readValue(json, SendMailCommand.class), CorrelationId.current())));
        duringEachChunk.run();
        return chunks.size() > confirmsLostFromChunk ? List.of() : List.copyOf(commands.keySet());
    }

    @Override
    public void retireDeadLetterCopies(Collection<UUID> commandIds) {
        retiredDeadLetterCopies.addAll(commandIds);
    }

    /** The commands whose dead-lettered copies were taken out of the dead-letter queue, in order. */
    public List<UUID> retiredDeadLetterCopies() {
        return List.copyOf(retiredDeadLetterCopies);
    }

    /**
     * The next publish hangs (a broker connection that stalls) while {@code meanwhile} runs, and then fails unconfirmed,
     * without the broker having taken it; publishes meanwhile go through.
     */
    public void stallNextPublish(Runnable meanwhile) {
        stall = meanwhile;
    }

    public void goDown() {
        down = true;
    }

    public void comeBack() {
        down = false;
    }

    /** From the chunk after {@code chunks} on, the broker takes the commands but their confirms are lost. */
    public void loseConfirmsAfter(int chunks) {
        confirmsLostFromChunk = chunks;
    }

    /** Runs {@code action} while each {@link #publishAll} waits for its confirms: what else happens meanwhile. */
    public void duringEachChunk(Runnable action) {
        duringEachChunk = action;
    }

    public List<SendMailCommand> published() {
        return published.stream().map(Published::command).toList();
    }

    public List<Published> publications() {
        return List.copyOf(published);
    }

    /** The JSON {@link #publishAll} was given, as it was given. */
    public List<String> publishedJson() {
        return List.copyOf(publishedJson);
    }

    /** The size of each {@link #publishAll} call, in order. */
    public List<Integer> chunks() {
        return List.copyOf(chunks);
    }
}

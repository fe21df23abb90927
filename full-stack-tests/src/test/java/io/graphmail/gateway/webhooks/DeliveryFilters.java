package io.graphmail.gateway.webhooks;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The filters of the commands sent on {@code webhook_deliveries} (reads, updates, upserts, find-and-modify), as the
 * driver sends them; a test's MongoDB client reports to it.
 */
final class DeliveryFilters implements CommandListener {

    private static final String COLLECTION = "webhook_deliveries";

    private final List<BsonDocument> filters = new CopyOnWriteArrayList<>();

    @Override
    public void commandStarted(CommandStartedEvent event) {
        BsonDocument command = event.getCommand();
        BsonValue collection = command.get(event.getCommandName());
        if (collection == null
                || !collection.isString()
                || !COLLECTION.equals(collection.asString().getValue())) {
            return;
        }
        switch (event.getCommandName()) {
            case "find" -> keep(command.getDocument("filter", new BsonDocument()));
            case "findAndModify" -> keep(command.getDocument("query", new BsonDocument()));
            case "update" ->
                command.getArray("updates", new BsonArray())
                        .forEach(update -> keep(update.asDocument().getDocument("q")));
            default -> {}
        }
    }

    /** A copy: the event's command is read from the driver's buffer, which is reused once the callback returns. */
    private void keep(BsonDocument filter) {
        filters.add(BsonDocument.parse(filter.toJson()));
    }

    /** What was sent from now on. */
    List<BsonDocument> since(int mark) {
        return List.copyOf(filters.subList(mark, filters.size()));
    }

    int mark() {
        return filters.size();
    }
}

package io.graphmail.platform.mongodb;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the MongoDB driver waits before it gives up, so that an unavailable database is an answer within
 * seconds rather than a request hanging for the driver's 30 s server selection (and, for a socket read, forever).
 *
 * @param serverSelection how long to wait for a server to talk to (the driver's {@code serverSelectionTimeoutMS})
 * @param connect how long to wait to open a connection ({@code connectTimeoutMS})
 * @param read how long to wait for an answer on an open connection ({@code socketTimeoutMS}); long enough for the
 *     largest write (a batch of 10,000 messages)
 */
@ConfigurationProperties("graphmail.mongodb.timeouts")
public record MongoTimeouts(
        @DefaultValue("2s") Duration serverSelection,
        @DefaultValue("2s") Duration connect,
        @DefaultValue("30s") Duration read) {}

package io.graphmail.gateway.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.graphmail.testsupport.TestBackends;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The schedule polls pushed folders only in safety rounds, and everything else as before. */
class PushedFoldersTests {

    static final Duration INTERVAL = Duration.ofMinutes(5);

    final MongoClient client = MongoClients.create(TestBackends.mongoUri());
    final MongoTemplate mongo = new MongoTemplate(client, "pushed-folders-" + System.nanoTime());
    final PushedFolders pushed =
            new PushedFolders(new KnownSubscriptions(mongo), new PushedSyncProperties(Duration.ofHours(1)));
    final Instant now = Instant.parse("2026-12-05T10:07:00Z");

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void pollsEveryDefaultFolderOfAnAccountWithoutPush() {
        assertThat(pushed.foldersToPoll("plain", 7, INTERVAL, now)).isEmpty();
    }

    @Test
    void pollsOnlyTheFoldersThatFellBackToPollingOutsideTheSafetyRound() {
        save("a", "inbox", "ACTIVE", now.plusSeconds(3600));
        save("a", "sentitems", "FAILED", null);

        assertThat(pushed.foldersToPoll("a", 7, INTERVAL, now)).contains(List.of("sentitems"));
    }

    @Test
    void pollsAFolderWhoseSubscriptionLapsed() {
        save("a", "inbox", "ACTIVE", now.minusSeconds(1));

        assertThat(pushed.foldersToPoll("a", 7, INTERVAL, now)).contains(List.of("inbox"));
    }

    @Test
    void skipsAFullyPushedAccountButForOneRoundAnHour() {
        save("a", "inbox", "ACTIVE", now.plusSeconds(3600));
        save("a", "sentitems", "ACTIVE", now.plusSeconds(3600));

        long safetyRounds = LongStream.range(1, 25)
                .filter(round -> pushed.foldersToPoll("a", round, INTERVAL, now).isEmpty())
                .count();

        assertThat(pushed.foldersToPoll("a", 13, INTERVAL, now)).isEqualTo(Optional.of(List.of()));
        assertThat(safetyRounds).as("two hours of five-minute rounds").isEqualTo(2);
    }

    private void save(String accountId, String folder, String state, Instant expiresAt) {
        var document = new Document("_id", accountId + "/" + folder)
                .append("accountId", accountId)
                .append("folder", folder)
                .append("state", state)
                .append("subscriptionId", "ACTIVE".equals(state) ? "sub-" + folder : null)
                .append("expiresAt", expiresAt == null ? null : Date.from(expiresAt));
        mongo.insert(document, KnownSubscriptions.COLLECTION);
    }
}

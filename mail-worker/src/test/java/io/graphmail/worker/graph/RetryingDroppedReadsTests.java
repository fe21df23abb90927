package io.graphmail.worker.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.graph.models.ItemBody;
import com.microsoft.graph.models.Message;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.graphmail.testsupport.RunningSimulator;
import io.graphmail.worker.accounts.tokens.TokenSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Connections the simulator closes without an answer, met by the worker's Graph client over real HTTP. */
class RetryingDroppedReadsTests {

    @RegisterExtension
    static final RunningSimulator simulator = RunningSimulator.start();

    final String mailbox = "dropped-" + UUID.randomUUID() + "@graphmail.local";
    final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();
    final GraphServiceClient client = new GraphClients(
                    new GraphProperties(URI.create(simulator.graphBaseUrl()), Duration.ofSeconds(10)),
                    new StaticToken(),
                    meterRegistry)
            .forAccount("account");

    @AfterEach
    void clearFaults() {
        simulator.clearFaults();
    }

    @Test
    void aDeltaPageWhoseConnectionDropsIsAskedForAgainAndAnswered() {
        simulator.generateMessages(mailbox, "inbox", 3, Map.of());
        String delta = "/v1.0/users/" + mailbox + "/mailFolders/inbox/messages/delta*";
        dropConnections("GET", delta, RetryingDroppedReads.MAX_REPEATS);

        var page = inbox().messages().delta().get();

        assertThat(page.getValue()).hasSize(3);
        assertThat(requests("GET", delta)).as("two dropped, the third answered").isEqualTo(3);
        assertThat(meterRegistry.counter("graphmail.graph.reads.repeated").count())
                .isEqualTo(2.0);
    }

    @Test
    void aReadWhoseConnectionKeepsDroppingFailsAfterTwoRepeats() {
        String message = "/v1.0/users/" + mailbox + "/messages/*";
        dropConnections("GET", message, RetryingDroppedReads.MAX_REPEATS + 1);

        assertThatThrownBy(() -> client.users()
                        .byUserId(mailbox)
                        .messages()
                        .byMessageId("any")
                        .get())
                .hasRootCauseInstanceOf(IOException.class);
        assertThat(requests("GET", message)).isEqualTo(3);
    }

    @Test
    void aDraftWhoseConnectionDropsIsNotSentAgain() {
        String drafts = "/v1.0/users/" + mailbox + "/messages";
        dropConnections("POST", drafts, 1);

        assertThatThrownBy(() -> client.users().byUserId(mailbox).messages().post(draft()))
                .hasRootCauseInstanceOf(IOException.class);
        assertThat(requests("POST", drafts)).isEqualTo(1);
        assertThat(simulator.messages(mailbox, "drafts")).isEmpty();
    }

    @Test
    void aSendWhoseConnectionDropsIsNotSentAgain() {
        var draft = client.users().byUserId(mailbox).messages().post(draft());
        String send = "/v1.0/users/" + mailbox + "/messages/" + draft.getId() + "/send";
        dropConnections("POST", send, 1);

        assertThatThrownBy(() -> client.users()
                        .byUserId(mailbox)
                        .messages()
                        .byMessageId(draft.getId())
                        .send()
                        .post())
                .hasRootCauseInstanceOf(IOException.class);
        assertThat(requests("POST", send)).isEqualTo(1);
        assertThat(simulator.sent(mailbox)).isEmpty();
        assertThat(meterRegistry.counter("graphmail.graph.reads.repeated").count())
                .isZero();
    }

    private com.microsoft.graph.users.item.mailfolders.item.MailFolderItemRequestBuilder inbox() {
        return client.users().byUserId(mailbox).mailFolders().byMailFolderId("inbox");
    }

    private static Message draft() {
        var body = new ItemBody();
        body.setContent("Hello");
        var message = new Message();
        message.setSubject("Through a closed connection");
        message.setBody(body);
        return message;
    }

    private void dropConnections(String method, String pathPattern, int count) {
        simulator.fault(Map.of("pathPattern", pathPattern, "method", method, "dropConnection", true, "count", count));
    }

    private int requests(String method, String pathPattern) {
        return simulator.requestCounts(pathPattern).entrySet().stream()
                .filter(count -> count.getKey().startsWith(method + " "))
                .mapToInt(Map.Entry::getValue)
                .sum();
    }

    /** The simulator's static token, which it accepts for every mailbox. */
    private static final class StaticToken implements TokenSource {

        @Override
        public String accessToken(String accountId) {
            return "sim-token";
        }

        @Override
        public boolean needsConsent(String accountId) {
            return false;
        }

        @Override
        public boolean credentialsUnavailable(String accountId) {
            return false;
        }

        @Override
        public void invalidate(String accountId) {}

        @Override
        public boolean permissionMissing(String accountId) {
            return false;
        }
    }
}

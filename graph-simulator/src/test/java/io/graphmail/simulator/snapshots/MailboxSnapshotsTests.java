package io.graphmail.simulator.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.simulator.GraphSimulatorApplication;
import io.graphmail.simulator.SimulatorHttp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

class MailboxSnapshotsTests {

    static final String MAILBOX = "keeper@graphmail.local";
    static final String INBOX = "/_sim/mailboxes/" + MAILBOX + "/folders/inbox/messages";

    @Test
    void aRestartedSimulatorStillHoldsTheMailboxesItKeptInItsFile(@TempDir Path directory) {
        Path file = directory.resolve("data/simulator-mailboxes.json");
        List<String> before;
        try (var simulator = start("--graphmail.simulator.snapshot.file=" + file)) {
            var http = http(simulator);
            assertThat(http.post("/_sim/mailboxes/" + MAILBOX + "/messages/generate", "{\"count\": 25, \"seed\": 7}")
                            .status())
                    .isEqualTo(201);
            String id = http.get(INBOX).json().get("value").get(0).get("id").asString();
            http.patch("/_sim/mailboxes/" + MAILBOX + "/messages/" + id, "{\"isRead\": true, \"subject\": \"Kept\"}");
            before = ids(http.get(INBOX).json());
        }

        assertThat(file).exists();
        try (var simulator = start("--graphmail.simulator.snapshot.file=" + file)) {
            var inbox = http(simulator).get(INBOX).json();

            assertThat(ids(inbox)).hasSize(25).containsExactlyElementsOf(before);
            assertThat(inbox.get("value").get(0).get("subject").asString()).isEqualTo("Kept");
            assertThat(inbox.get("value").get(0).get("isRead").asBoolean()).isTrue();
        }
    }

    @Test
    void withoutAFileARestartedSimulatorStartsEmptyAsTestsExpect() {
        try (var simulator = start()) {
            http(simulator).post("/_sim/mailboxes/" + MAILBOX + "/messages/generate", "{\"count\": 3}");
        }
        try (var simulator = start()) {
            assertThat(http(simulator).get(INBOX).json().get("count").asInt()).isZero();
        }
    }

    private static ConfigurableApplicationContext start(String... arguments) {
        var all = new ArrayList<>(List.of("--server.port=0", "--graphmail.simulator.https-port=0"));
        all.addAll(List.of(arguments));
        return GraphSimulatorApplication.builder().run(all.toArray(String[]::new));
    }

    private static SimulatorHttp http(ConfigurableApplicationContext simulator) {
        return new SimulatorHttp(
                ((WebServerApplicationContext) simulator).getWebServer().getPort());
    }

    private static List<String> ids(JsonNode folder) {
        var ids = new ArrayList<String>();
        folder.get("value").forEach(message -> ids.add(message.get("id").asString()));
        return ids;
    }
}

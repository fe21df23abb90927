package io.graphmail.testsupport;

import io.graphmail.simulator.GraphSimulatorApplication;
import java.util.List;
import java.util.Map;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** The Graph simulator started in-process on a random port, with its control API at hand. */
public final class RunningSimulator implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final int port;
    private final RestClient control;

    private RunningSimulator(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.control = RestClient.builder().baseUrl("http://127.0.0.1:" + port).build();
    }

    public static RunningSimulator start() {
        return new RunningSimulator(GraphSimulatorApplication.builder()
                .run("--server.port=0", "--server.address=127.0.0.1", "--spring.jmx.enabled=false"));
    }

    /** The Graph API root to configure as {@code graphmail.graph.base-url}. */
    public String graphBaseUrl() {
        return "http://127.0.0.1:" + port + "/v1.0";
    }

    public int port() {
        return port;
    }

    /** Messages sent from {@code mailbox}, as Graph JSON. */
    public List<JsonNode> sent(String mailbox) {
        JsonNode body = control.get()
                .uri("/_sim/mailboxes/{mailbox}/sent", mailbox)
                .retrieve()
                .body(JsonNode.class);
        return body == null ? List.of() : body.get("value").valueStream().toList();
    }

    /** Injects a fault; see the simulator's README for the fields. */
    public void fault(Map<String, Object> fault) {
        control.post()
                .uri("/_sim/faults")
                .contentType(MediaType.APPLICATION_JSON)
                .body(fault)
                .retrieve()
                .toBodilessEntity();
    }

    /** Forgets all mailboxes, faults and request counts. */
    public void reset() {
        control.delete().uri("/_sim/faults").retrieve().toBodilessEntity();
        control.delete().uri("/_sim/mailboxes").retrieve().toBodilessEntity();
    }

    @Override
    public void close() {
        context.close();
    }
}

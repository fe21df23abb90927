package io.graphmail.bench;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Registers receivers as the bench client's webhook endpoints for {@code mail.sent}, and disables them afterwards. */
final class Endpoints {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final GatewayClient api;
    private final List<String> registered = new ArrayList<>();
    private int checked;
    private int bad;

    Endpoints(GatewayClient api) {
        this.api = api;
    }

    void register(List<Receiver> receivers) {
        for (Receiver receiver : receivers) {
            var response = api.post("/api/v1/webhooks", """
                    {"url":"%s","events":["mail.sent"]}""".formatted(receiver.url()));
            if (response.statusCode() != 201) {
                throw new IllegalStateException("registering " + receiver.url() + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            JsonNode endpoint = JSON.readTree(response.body());
            receiver.secret(endpoint.get("secret").asString());
            registered.add(endpoint.get("id").asString());
        }
    }

    /** Disables every endpoint registered so far: deliveries still pending to them are then abandoned. */
    void disableAll() {
        for (String id : registered) {
            var response = api.patch("/api/v1/webhooks/" + id, "{\"enabled\":false}");
            if (response.statusCode() != 200) {
                throw new IllegalStateException("disabling " + id + " answered " + response.statusCode());
            }
        }
        registered.clear();
    }

    void record(List<Receiver> receivers) {
        for (Receiver receiver : receivers) {
            checked += receiver.checked();
            bad += receiver.badSignatures();
        }
    }

    String signatureSummary() {
        return "%,d checked, %,d not valid".formatted(checked, bad);
    }
}

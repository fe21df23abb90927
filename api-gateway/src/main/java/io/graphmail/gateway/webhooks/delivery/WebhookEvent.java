package io.graphmail.gateway.webhooks.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * An event as receivers get it: {@code {"id","type","timestamp","data"}} (the Standard Webhooks payload shape).
 * Its id derives from what happened, so that the same fact reported twice (a redelivered result) is one event.
 */
public record WebhookEvent(String id, String type, Instant timestamp, Map<String, Object> data, String payload) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static WebhookEvent of(String type, String key, Instant timestamp, Map<String, Object> data) {
        String id = "msg_"
                + UUID.nameUUIDFromBytes((type + ":" + key).getBytes(StandardCharsets.UTF_8))
                        .toString()
                        .replace("-", "");
        var body = new LinkedHashMap<String, Object>();
        body.put("id", id);
        body.put("type", type);
        body.put("timestamp", timestamp.toString());
        body.put("data", data);
        return new WebhookEvent(id, type, timestamp, data, JSON.writeValueAsString(body));
    }
}

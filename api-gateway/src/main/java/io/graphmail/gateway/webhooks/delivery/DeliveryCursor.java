package io.graphmail.gateway.webhooks.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Where a page of deliveries ended: opaque to clients. */
public record DeliveryCursor(Instant createdAt, String id) {

    public String encode() {
        String raw = createdAt.toEpochMilli() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException if it is not a cursor graphmail gave */
    public static DeliveryCursor decode(String cursor) {
        String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        int colon = raw.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("not a cursor");
        }
        return new DeliveryCursor(
                Instant.ofEpochMilli(Long.parseLong(raw.substring(0, colon))), raw.substring(colon + 1));
    }
}

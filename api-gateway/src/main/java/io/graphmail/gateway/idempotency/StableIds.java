package io.graphmail.gateway.idempotency;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Ids for what a request creates. For a request with an {@code Idempotency-Key} they derive from the key's claim, so
 * a retry that takes over the key of a request its gateway left unfinished creates the same ids, and finds what was
 * recorded of them; without a key they are random.
 */
public final class StableIds {

    static final String ATTRIBUTE = StableIds.class.getName();
    private static final StableIds RANDOM = new StableIds(null);

    private final String origin;

    /** @param origin what the ids derive from; {@code null} for random ids */
    public StableIds(String origin) {
        this.origin = origin;
    }

    /** The ids of the request being handled. */
    public static StableIds of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof StableIds ids ? ids : RANDOM;
    }

    /** Whether a retry of the request gets the same ids (the request came with an Idempotency-Key). */
    public boolean stable() {
        return origin != null;
    }

    /** The id of what the request calls {@code name}: the same name always gets the same id. */
    public UUID id(String name) {
        return origin == null
                ? UUID.randomUUID()
                : UUID.nameUUIDFromBytes((origin + "\n" + name).getBytes(StandardCharsets.UTF_8));
    }
}

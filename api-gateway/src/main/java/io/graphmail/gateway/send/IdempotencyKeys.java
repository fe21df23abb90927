package io.graphmail.gateway.send;

import org.springframework.web.server.ServerWebInputException;

final class IdempotencyKeys {

    private IdempotencyKeys() {}

    static String check(String key) {
        if (key != null && (key.isBlank() || key.length() > 255)) {
            throw new ServerWebInputException("Idempotency-Key must be 1 to 255 characters");
        }
        return key;
    }
}

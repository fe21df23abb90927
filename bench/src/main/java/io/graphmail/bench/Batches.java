package io.graphmail.bench;

import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Request bodies for template batches, shaped like the integration tests' ones. */
final class Batches {

    private Batches() {}

    static String template(String accountId, int recipients) {
        String list = IntStream.range(0, recipients)
                .mapToObj(i -> "{\"to\":[\"r%d@example.com\"],\"variables\":{\"name\":\"R%d\"}}".formatted(i, i))
                .collect(Collectors.joining(","));
        return """
                {"accountId":"%s","template":{"subject":"Hello {{name}}","html":"<p>Dear {{name}}</p>"},"recipients":[%s]}""".formatted(accountId, list);
    }

    /** A fresh account id with the prefix, valid for the gateway (lowercase letters, digits, dashes). */
    static String accountId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String mailbox(String accountId) {
        return accountId + "@graphmail.local";
    }
}

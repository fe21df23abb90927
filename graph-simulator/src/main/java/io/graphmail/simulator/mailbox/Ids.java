package io.graphmail.simulator.mailbox;

import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Identifiers shaped like Exchange's: opaque, URL-safe, and unique. */
final class Ids {

    private Ids() {}

    static String message() {
        return "AAMk" + hex();
    }

    static String attachment() {
        return "AAMkAtt" + hex();
    }

    static String conversation() {
        return "AAQk" + hex();
    }

    static String internetMessageId() {
        return "<" + UUID.randomUUID() + "@graphmail.local>";
    }

    /** A new change key: Exchange issues one with every change of an item. */
    static String changeKey() {
        byte[] bytes = new byte[12];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "CQAAABYAAA" + Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hex() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}

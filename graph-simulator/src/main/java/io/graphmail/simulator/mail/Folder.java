package io.graphmail.simulator.mail;

import io.graphmail.simulator.web.GraphErrorException;
import java.util.Arrays;

/** The well-known mail folders the simulator keeps; a folder's id is its well-known name. */
enum Folder {
    INBOX("inbox"),
    SENT_ITEMS("sentitems");

    private final String id;

    Folder(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    static Folder named(String name) {
        return Arrays.stream(values())
                .filter(folder -> folder.id.equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(() -> GraphErrorException.notFound("The mail folder '" + name + "' was not found."));
    }
}

package io.graphmail.simulator.mail;

import io.graphmail.simulator.web.GraphErrorException;
import java.util.Arrays;

/** The well-known mail folders the simulator keeps; a folder's id is its well-known name. */
enum Folder {
    INBOX("inbox", "Inbox"),
    DRAFTS("drafts", "Drafts"),
    SENT_ITEMS("sentitems", "Sent Items");

    private final String id;
    private final String displayName;

    Folder(String id, String displayName) {
        this.id = id;
        this.displayName = displayName;
    }

    String id() {
        return id;
    }

    String displayName() {
        return displayName;
    }

    static Folder named(String name) {
        return Arrays.stream(values())
                .filter(folder -> folder.id.equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(() -> GraphErrorException.notFound("The mail folder '" + name + "' was not found."));
    }
}

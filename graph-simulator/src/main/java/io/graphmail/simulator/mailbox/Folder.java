package io.graphmail.simulator.mailbox;

import io.graphmail.simulator.web.GraphErrorException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The well-known mail folders the simulator keeps. Their ids are opaque, as Graph's are; paths may name a folder by
 * its id or by its well-known name (case-insensitively), as Graph's mailFolder resource allows.
 */
public enum Folder {
    INBOX("inbox", "Inbox"),
    DRAFTS("drafts", "Drafts"),
    SENT_ITEMS("sentitems", "Sent Items"),
    DELETED_ITEMS("deleteditems", "Deleted Items");

    private final String wellKnownName;
    private final String displayName;
    private final String id;

    Folder(String wellKnownName, String displayName) {
        this.wellKnownName = wellKnownName;
        this.displayName = displayName;
        this.id = opaqueId(wellKnownName);
    }

    public String id() {
        return id;
    }

    public String wellKnownName() {
        return wellKnownName;
    }

    public String displayName() {
        return displayName;
    }

    /** The folder a path or body names, by its id (case-sensitive, as Graph's ids are) or its well-known name. */
    public static Folder named(String name) {
        return Arrays.stream(values())
                .filter(folder -> folder.id.equals(name) || folder.wellKnownName.equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(() -> GraphErrorException.notFound("The mail folder '" + name + "' was not found."));
    }

    /** Shaped like an Exchange folder id (base64url, "AQMk" prefix); stable, so tokens and tests survive restarts. */
    private static String opaqueId(String wellKnownName) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("graphmail-simulator folder " + wellKnownName).getBytes(StandardCharsets.UTF_8));
            return "AQMkAD" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + "AAA";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

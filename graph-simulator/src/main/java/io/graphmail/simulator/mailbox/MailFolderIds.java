package io.graphmail.simulator.mailbox;

/** The ids of the mail folders the simulator keeps, for other features that name folders as Graph paths do. */
public final class MailFolderIds {

    private MailFolderIds() {}

    /** The id of the folder a path names by id or well-known name; 404 ErrorItemNotFound for an unknown folder. */
    public static String idOf(String name) {
        return Folder.named(name).id();
    }
}

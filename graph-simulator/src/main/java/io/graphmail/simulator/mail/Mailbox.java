package io.graphmail.simulator.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One mailbox's messages in filing order, and the log of what it sent. Thread-safe. */
final class Mailbox {

    private final List<Message> messages = new ArrayList<>();
    private final List<Message> sent = new ArrayList<>();

    /** Files a message, replacing one with the same id so that seeding twice does not duplicate. */
    synchronized void file(Message message) {
        messages.removeIf(existing -> existing.id().equals(message.id()));
        messages.add(message);
    }

    /** Records a sent message; Graph keeps a copy in Sent Items only when asked to. */
    synchronized void recordSent(Message message, boolean saveToSentItems) {
        sent.add(message);
        if (saveToSentItems) {
            messages.add(message);
        }
    }

    synchronized List<Message> messages() {
        return List.copyOf(messages);
    }

    synchronized List<Message> messagesIn(Folder folder) {
        return messages.stream()
                .filter(message -> folder.id().equals(message.parentFolderId()))
                .toList();
    }

    synchronized Optional<Message> find(String id) {
        return messages.stream().filter(message -> message.id().equals(id)).findFirst();
    }

    synchronized List<Message> sent() {
        return List.copyOf(sent);
    }
}

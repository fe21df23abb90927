package io.graphmail.simulator.control;

import io.graphmail.simulator.mailbox.FileAttachment;
import io.graphmail.simulator.mailbox.Message;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Makes up plausible business mail: senders, subjects, HTML bodies of a given size and file attachments. */
final class SampleMail {

    /** How the messages look: body size, attachments, and read or not (null: a third of them, at random). */
    record Shape(int bodyBytes, int attachments, int attachmentBytes, Boolean isRead) {}

    private record FileType(String extension, String contentType) {}

    private static final String[] TOPICS = {
        "Quarterly budget review", "Project kickoff", "Invoice", "Team offsite", "Release notes", "Contract renewal",
        "Weekly status", "Customer feedback", "Security update", "Hiring plan", "Board meeting", "Travel booking"
    };
    private static final String[] WORDS = ("the a we our your please team project budget plan review meeting schedule "
                    + "deadline customer invoice contract release update proposal agenda notes action items next week "
                    + "attached report figures forecast quarter approve confirm discuss share feedback timeline risk "
                    + "scope owner status delivery support request change summary details thanks regards")
            .split(" ");
    private static final Message.EmailAddress[] PEOPLE = {
        new Message.EmailAddress("Ada Lovelace", "ada.lovelace@contoso.com"),
        new Message.EmailAddress("Grace Hopper", "grace.hopper@fabrikam.com"),
        new Message.EmailAddress("Alan Turing", "alan.turing@contoso.com"),
        new Message.EmailAddress("Katherine Johnson", "katherine.johnson@northwind.com"),
        new Message.EmailAddress("Edsger Dijkstra", "edsger.dijkstra@tailspintoys.com"),
        new Message.EmailAddress("Barbara Liskov", "barbara.liskov@fabrikam.com")
    };
    private static final FileType[] FILE_TYPES = {
        new FileType("pdf", "application/pdf"),
        new FileType("png", "image/png"),
        new FileType("txt", "text/plain"),
        new FileType("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    };

    private final Random random;
    private final Message.Recipient owner;
    private final boolean sentByOwner;

    SampleMail(Random random, String mailbox, boolean sentByOwner) {
        this.random = random;
        this.owner = new Message.Recipient(new Message.EmailAddress(nameOf(mailbox), mailbox));
        this.sentByOwner = sentByOwner;
    }

    /** The {@code index}th message, received at {@code received}, before filing. */
    Message message(int index, Instant received, Shape shape) {
        var other = new Message.Recipient(PEOPLE[random.nextInt(PEOPLE.length)]);
        Message.Recipient from = sentByOwner ? owner : other;
        Message.Recipient to = sentByOwner ? other : owner;
        String topic = TOPICS[random.nextInt(TOPICS.length)];
        List<Message.Recipient> cc = random.nextInt(4) == 0
                ? List.of(new Message.Recipient(PEOPLE[random.nextInt(PEOPLE.length)]))
                : List.of();
        boolean isRead = shape.isRead() != null ? shape.isRead() : sentByOwner || random.nextInt(3) == 0;
        return new Message(
                null,
                received,
                null,
                null,
                categories(),
                received,
                received.minusSeconds(1 + random.nextInt(30)),
                null,
                null,
                topic + " #" + (index + 1),
                null,
                importance(),
                null,
                null,
                isRead,
                false,
                null,
                new Message.ItemBody("html", body(topic, to, from, shape.bodyBytes())),
                from,
                from,
                List.of(to),
                cc,
                List.of(),
                List.of(),
                new Message.Flag(random.nextInt(10) == 0 ? "flagged" : "notFlagged"),
                attachments(topic, shape),
                List.of(),
                List.of());
    }

    private String body(String topic, Message.Recipient to, Message.Recipient from, int bytes) {
        String head = "<html><body><p>Hi " + to.emailAddress().name() + ",</p><p>" + topic + ": ";
        String tail = "</p><p>Regards,<br>" + from.emailAddress().name() + "</p></body></html>";
        var text = new StringBuilder(Math.max(bytes, 0) + 16).append(head);
        while (text.length() + tail.length() < bytes) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        return text.append(tail).toString();
    }

    private List<FileAttachment> attachments(String topic, Shape shape) {
        var files = new ArrayList<FileAttachment>(shape.attachments());
        String stem = topic.toLowerCase(Locale.ROOT).replace(' ', '-');
        for (int i = 1; i <= shape.attachments(); i++) {
            FileType type = FILE_TYPES[random.nextInt(FILE_TYPES.length)];
            byte[] content = new byte[shape.attachmentBytes()];
            random.nextBytes(content);
            String name = stem + "-" + i + "." + type.extension();
            files.add(new FileAttachment(
                    null,
                    null,
                    name,
                    type.contentType(),
                    null,
                    false,
                    null,
                    Base64.getEncoder().encodeToString(content),
                    null));
        }
        return files;
    }

    private List<String> categories() {
        return switch (random.nextInt(8)) {
            case 0 -> List.of("Blue category");
            case 1 -> List.of("Red category", "Follow up");
            default -> List.of();
        };
    }

    private String importance() {
        int roll = random.nextInt(20);
        return roll < 2 ? "high" : roll == 2 ? "low" : "normal";
    }

    private static String nameOf(String mailbox) {
        String local = mailbox.contains("@") ? mailbox.substring(0, mailbox.indexOf('@')) : mailbox;
        return local.isEmpty() ? mailbox : Character.toUpperCase(local.charAt(0)) + local.substring(1);
    }
}

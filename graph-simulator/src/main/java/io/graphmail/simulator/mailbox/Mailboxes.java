package io.graphmail.simulator.mailbox;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** All mailboxes, keyed by address case-insensitively; a mailbox exists as soon as it is used. */
@Component
public class Mailboxes {

    private final Map<String, Mailbox> mailboxes = new ConcurrentHashMap<>();
    private final ApplicationEventPublisher events;

    Mailboxes(ApplicationEventPublisher events) {
        this.events = events;
    }

    public Mailbox of(String address) {
        return mailboxes.computeIfAbsent(
                address.toLowerCase(Locale.ROOT), key -> new Mailbox(key, events::publishEvent));
    }

    /** Every mailbox's messages in filing order, by lower-case address. */
    public Map<String, List<Message>> messagesByMailbox() {
        var all = new TreeMap<String, List<Message>>();
        mailboxes.forEach((address, mailbox) -> all.put(address, mailbox.messages()));
        return all;
    }

    public void clear() {
        mailboxes.clear();
        events.publishEvent(new MailboxesCleared());
    }
}

package io.graphmail.simulator.throttling;

import io.graphmail.simulator.mail.MailboxesCleared;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The traffic of every mailbox, keyed case-insensitively; forgotten with the mailboxes or on its own. */
@Component
class Traffic {

    private final Map<String, MailboxTraffic> mailboxes = new ConcurrentHashMap<>();

    MailboxTraffic of(String mailbox) {
        return mailboxes.computeIfAbsent(mailbox.toLowerCase(Locale.ROOT), key -> new MailboxTraffic());
    }

    MailboxStats stats(String mailbox) {
        var traffic = mailboxes.get(mailbox.toLowerCase(Locale.ROOT));
        return traffic == null ? MailboxStats.NONE : traffic.stats();
    }

    /** Stats per mailbox, sorted by address. */
    Map<String, MailboxStats> stats() {
        var stats = new TreeMap<String, MailboxStats>();
        mailboxes.forEach((mailbox, traffic) -> stats.put(mailbox, traffic.stats()));
        return stats;
    }

    /** Forgets the figures; requests in progress finish on the traffic they started on. */
    @EventListener(MailboxesCleared.class)
    void clear() {
        mailboxes.clear();
    }
}

package io.graphmail.simulator.throttling;

import io.graphmail.simulator.mailbox.MailboxesCleared;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The traffic of every app and mailbox combination, Outlook's unit of throttling; mailboxes are keyed
 * case-insensitively. Forgotten with the mailboxes or on its own.
 */
@Component
class Traffic {

    private final Map<AppMailbox, MailboxTraffic> traffic = new ConcurrentHashMap<>();

    MailboxTraffic of(String app, String mailbox) {
        return traffic.computeIfAbsent(
                new AppMailbox(app, mailbox.toLowerCase(Locale.ROOT)), key -> new MailboxTraffic());
    }

    /** All apps' figures for the mailbox together; all zero for a mailbox not seen. */
    MailboxStats stats(String mailbox) {
        return perApp(mailbox).values().stream().reduce(MailboxStats.NONE, MailboxStats::plus);
    }

    /** Each app's figures for the mailbox, by app id. */
    Map<String, MailboxStats> perApp(String mailbox) {
        String address = mailbox.toLowerCase(Locale.ROOT);
        var stats = new TreeMap<String, MailboxStats>();
        traffic.forEach((key, seen) -> {
            if (key.mailbox().equals(address)) {
                stats.put(key.app(), seen.stats());
            }
        });
        return stats;
    }

    /** Stats per mailbox (all apps together), sorted by address. */
    Map<String, MailboxStats> stats() {
        var stats = new TreeMap<String, MailboxStats>();
        traffic.forEach((key, seen) -> stats.merge(key.mailbox(), seen.stats(), MailboxStats::plus));
        return stats;
    }

    /** Forgets the figures; requests in progress finish on the traffic they started on. */
    @EventListener(MailboxesCleared.class)
    void clear() {
        traffic.clear();
    }

    private record AppMailbox(String app, String mailbox) {}
}

package io.graphmail.simulator.throttling;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The limits in force: each mailbox's own, else the default; none until set. Mailboxes match case-insensitively. */
@Component
class Limits {

    private final Map<String, MailboxLimits> perMailbox = new ConcurrentHashMap<>();
    private volatile MailboxLimits defaults = MailboxLimits.NONE;

    MailboxLimits of(String mailbox) {
        return perMailbox.getOrDefault(mailbox.toLowerCase(Locale.ROOT), defaults);
    }

    void set(String mailbox, MailboxLimits limits) {
        perMailbox.put(mailbox.toLowerCase(Locale.ROOT), limits);
    }

    void setDefault(MailboxLimits limits) {
        defaults = limits;
    }

    void clear() {
        perMailbox.clear();
        defaults = MailboxLimits.NONE;
    }

    LimitsView view() {
        return new LimitsView(defaults, new TreeMap<>(perMailbox));
    }

    /** The limits as the control API shows them. */
    record LimitsView(@JsonProperty("default") MailboxLimits defaults, Map<String, MailboxLimits> mailboxes) {}
}

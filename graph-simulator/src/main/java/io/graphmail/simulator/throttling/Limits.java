package io.graphmail.simulator.throttling;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The limits in force: each mailbox's own, else the default, which starts as Outlook's (at most {@code maxConcurrent}
 * requests in progress, from {@link ThrottlingProperties}) and comes back on {@link #clear()}, as do the window limits.
 * Mailboxes match case-insensitively.
 */
@Component
class Limits {

    private final Map<String, MailboxLimits> perMailbox = new ConcurrentHashMap<>();
    private final MailboxLimits configured;
    private final WindowLimits configuredWindows;
    private volatile MailboxLimits defaults;
    private volatile WindowLimits windows;

    Limits(ThrottlingProperties properties) {
        this.configured = new MailboxLimits(null, properties.maxConcurrent() == 0 ? null : properties.maxConcurrent());
        this.defaults = configured;
        this.configuredWindows = properties.windows();
        this.windows = configuredWindows;
    }

    /** The window limits every app and mailbox is held to. */
    WindowLimits windows() {
        return windows;
    }

    void setWindows(WindowLimits windows) {
        this.windows = windows;
    }

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
        defaults = configured;
        windows = configuredWindows;
    }

    LimitsView view() {
        return new LimitsView(defaults, new TreeMap<>(perMailbox));
    }

    /** The limits as the control API shows them. */
    record LimitsView(@JsonProperty("default") MailboxLimits defaults, Map<String, MailboxLimits> mailboxes) {}
}

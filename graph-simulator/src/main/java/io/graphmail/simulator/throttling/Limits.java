package io.graphmail.simulator.throttling;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.graphmail.simulator.mailbox.SendingLimits;
import io.graphmail.simulator.sending.SendingLimitsSource;
import io.graphmail.simulator.sending.SendingProperties;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The limits in force: each mailbox's own, else the default, which starts as configured (Outlook's
 * {@code maxConcurrent} from {@link ThrottlingProperties}, Exchange's sending limits from {@link SendingProperties})
 * and comes back on {@link #clear()}, as do the window limits. Mailboxes match case-insensitively.
 */
@Component
class Limits implements SendingLimitsSource {

    private final Map<String, MailboxLimits> perMailbox = new ConcurrentHashMap<>();
    private final MailboxLimits configured;
    private final WindowLimits configuredWindows;
    private volatile MailboxLimits defaults;
    private volatile WindowLimits windows;

    Limits(ThrottlingProperties properties, SendingProperties sending) {
        SendingLimits exchange = sending.defaults();
        this.configured = new MailboxLimits(
                exchange.messagesPerMinute(),
                properties.maxConcurrent() == 0 ? null : properties.maxConcurrent(),
                exchange.recipientsPerMessage(),
                exchange.recipientsPerDay(),
                exchange.maxMessageSize());
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

    @Override
    public SendingLimits sendingLimits(String mailbox) {
        return of(mailbox).sending();
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

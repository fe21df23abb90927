package io.graphmail.simulator.sending;

import io.graphmail.simulator.mailbox.SendingLimits;
import io.graphmail.simulator.mailbox.Undeliverable;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Exchange Online's sending limits for every mailbox without its own (the control API's limits override them); 0 is
 * no limit. Tests shorten the windows to see late mail arrive.
 *
 * @param messagesPerMinute messages delivered per {@code rateWindow}; Exchange allows 30 a minute, off by default so
 *     that tests sending many messages see them delivered at once
 * @param recipientsPerMessage 500
 * @param recipientsPerDay recipients within {@code recipientWindow}: 10,000
 * @param maxMessageSize 35 MB (35 × 1,048,576 bytes)
 * @param rateWindow the minute of {@code messagesPerMinute}
 * @param recipientWindow the day of {@code recipientsPerDay}, sliding
 * @param undeliverable recipients whose mailbox does not exist (hard bounce, 5.1.1): {@code *@domain} or an address
 * @param mailboxFull recipients whose mailbox is full (soft bounce, 5.2.2), in the same form
 */
@Validated
@ConfigurationProperties("graphmail.simulator.sending")
public record SendingProperties(
        @PositiveOrZero @DefaultValue("0") int messagesPerMinute,
        @PositiveOrZero @DefaultValue("500") int recipientsPerMessage,
        @PositiveOrZero @DefaultValue("10000") int recipientsPerDay,
        @DefaultValue("35MB") DataSize maxMessageSize,
        @DefaultValue("1m") Duration rateWindow,
        @DefaultValue("24h") Duration recipientWindow,
        @DefaultValue("*@bounce.invalid") List<String> undeliverable,
        @DefaultValue("*@mailbox-full.invalid") List<String> mailboxFull) {

    /** Recipients every message bounces for, with or without strict limits. */
    public Undeliverable undeliverableRecipients() {
        return new Undeliverable(undeliverable, mailboxFull);
    }

    /** The configured limits, 0 read as none. */
    public SendingLimits defaults() {
        return new SendingLimits(
                messagesPerMinute == 0 ? null : messagesPerMinute,
                recipientsPerMessage == 0 ? null : recipientsPerMessage,
                recipientsPerDay == 0 ? null : recipientsPerDay,
                maxMessageSize.toBytes() == 0 ? null : maxMessageSize.toBytes());
    }
}

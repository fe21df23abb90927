package io.graphmail.worker.pacing;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Default sending limits per account, from Microsoft's documented Exchange Online and Graph limits;
 * an account's own limits override them. 0 means unlimited.
 *
 * @param messagesPerMinute messages sent per minute (Exchange Online: 30)
 * @param recipientsPerDay recipients over a rolling 24 hours (Exchange Online: 10,000)
 * @param personalRecipientsPerDay the daily cap of personal accounts (delegated, tenant {@code consumers}):
 *     Outlook.com allows at most 5,000 recipients a day; applies where it is lower than {@code recipientsPerDay}
 * @param maxConcurrent Graph requests in progress at once per mailbox (Graph: 4)
 * @param leaseTime how long a permit counts as in progress if its worker never returns it
 * @param budgetWait how long a sync request waits for a place among the mailbox's concurrent requests (or for
 *     Graph's {@code Retry-After} to pass) before its round fails and resumes later
 * @param clockSkew how far apart the workers' clocks may be: each account's log of its last minute's sends, whose
 *     times different workers write, counts a minute and this much. Every send costs a minute and this much of its
 *     account's rate, plus its Graph call (counted from the call's end): with 200 ms calls, 100 ms lets an account use
 *     99.5 % of its rate, 500 ms 98.85 %. Hosts kept in time by NTP are milliseconds apart; {@link ClockCheck}
 *     warns when a worker is further than half of this from MongoDB's clock
 */
@Validated
@ConfigurationProperties("graphmail.worker.pacing")
public record PacingProperties(
        @Min(0) @DefaultValue("30") int messagesPerMinute,
        @Min(0) @DefaultValue("10000") int recipientsPerDay,
        @Min(0) @DefaultValue("5000") int personalRecipientsPerDay,
        @Min(0) @DefaultValue("4") int maxConcurrent,
        @DefaultValue("2m") Duration leaseTime,
        @DefaultValue("2m") Duration budgetWait,
        @NotNull @DefaultValue("100ms") Duration clockSkew) {}

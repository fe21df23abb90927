package io.graphmail.worker.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.worker.accounts.AccountSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Outlook.com lets a personal account send to at most 5,000 recipients a day; Exchange Online 10,000. */
class PersonalLimitsTests {

    @Test
    void capsTheDailyRecipientsAtTheStricterOfTheTwo() {
        var exchange = new Limits(30, 10_000, 4);

        assertThat(exchange.withRecipientsPerDayAtMost(5_000)).isEqualTo(new Limits(30, 5_000, 4));
        assertThat(new Limits(30, 2_000, 4).withRecipientsPerDayAtMost(5_000)).isEqualTo(new Limits(30, 2_000, 4));
        assertThat(new Limits(0, 0, 0).withRecipientsPerDayAtMost(5_000))
                .as("no daily limit is more lenient than the cap")
                .isEqualTo(new Limits(0, 5_000, 0));
        assertThat(exchange.withRecipientsPerDayAtMost(0)).isEqualTo(exchange);
    }

    @Test
    void aPersonalAccountIsADelegatedOneAtTheConsumersTenant() {
        assertThat(account(AccountSettings.Type.DELEGATED, "consumers").isPersonal())
                .isTrue();
        assertThat(account(AccountSettings.Type.DELEGATED, "organizations").isPersonal())
                .isFalse();
        assertThat(account(AccountSettings.Type.APPLICATION, "consumers").isPersonal())
                .isFalse();
    }

    @Test
    void pacesByTheAccountsOwnDailyLimitWhenSetElseByTheDefaultOfItsType() {
        AccountPacing pacing = new MongoAccountPacing(
                null,
                new PacingProperties(30, 10_000, 5_000, 4, null, null, Duration.ofMillis(500)),
                LaneProperties.defaults(),
                null,
                null);
        var own = new AccountSettings.SendingLimits(null, 1_200, null);

        assertThat(pacing.limitsOf(account(AccountSettings.Type.APPLICATION, "contoso", null)))
                .isEqualTo(new Limits(30, 10_000, 4));
        assertThat(pacing.limitsOf(account(AccountSettings.Type.DELEGATED, "consumers", null)))
                .isEqualTo(new Limits(30, 5_000, 4));
        assertThat(pacing.limitsOf(account(AccountSettings.Type.APPLICATION, "contoso", own)))
                .isEqualTo(new Limits(30, 1_200, 4));
        assertThat(pacing.limitsOf(account(AccountSettings.Type.DELEGATED, "consumers", own)))
                .isEqualTo(new Limits(30, 1_200, 4));
        assertThat(pacing.limitsOf(account(
                        AccountSettings.Type.DELEGATED,
                        "consumers",
                        new AccountSettings.SendingLimits(null, 8_000, null))))
                .as("never more than Outlook.com allows a personal account")
                .isEqualTo(new Limits(30, 5_000, 4));
    }

    private static AccountSettings account(AccountSettings.Type type, String tenant) {
        return account(type, tenant, null);
    }

    private static AccountSettings account(
            AccountSettings.Type type, String tenant, AccountSettings.SendingLimits limits) {
        return new AccountSettings("a", type, "a@x.io", tenant, "client", null, limits, "ACTIVE");
    }
}

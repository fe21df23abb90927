package io.graphmail.worker.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.worker.accounts.AccountSettings;
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

    private static AccountSettings account(AccountSettings.Type type, String tenant) {
        return new AccountSettings("a", type, "a@x.io", tenant, "client", null, null, "ACTIVE");
    }
}

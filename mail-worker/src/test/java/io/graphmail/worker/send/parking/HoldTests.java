package io.graphmail.worker.send.parking;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.worker.accounts.AccountHolds;
import io.graphmail.worker.accounts.AccountNeedsConsent;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The reasons a hold records are the ones deliveries, parked commands and users have always seen. */
class HoldTests {

    @Test
    void recordsAnAccountsHoldUnderTheReasonItGives() {
        var consent = new AccountNeedsConsent("sales", "REAUTH_REQUIRED");
        var credentials = AccountHolds.credentialsUnavailable("sales", "secret alias 'sales' is not configured");

        assertThat(Hold.of(consent)).isEqualTo(new Hold.AwaitingConsent("REAUTH_REQUIRED"));
        assertThat(Hold.of(consent).reason()).isEqualTo("AWAITING_CONSENT: REAUTH_REQUIRED");
        assertThat(Hold.of(credentials).reason())
                .isEqualTo(credentials.holdReason())
                .isEqualTo("CREDENTIALS_UNAVAILABLE: secret alias 'sales' is not configured");
    }

    @Test
    void recordsAPausedBatchAsBatchPaused() {
        assertThat(new Hold.BatchPaused(UUID.randomUUID()).reason()).isEqualTo("BATCH_PAUSED");
    }

    /** What the parking log line says ends each hold: a paused batch's message waits for its batch, not for consent. */
    @Test
    void namesWhatEndsEachHold() {
        UUID batchId = UUID.randomUUID();

        assertThat(new Hold.BatchPaused(batchId).endsWhen())
                .isEqualTo("batch " + batchId + " is resumed or cancelled")
                .doesNotContain("consent");
        assertThat(new Hold.AwaitingConsent("PENDING_CONSENT").endsWhen()).contains("consents");
        assertThat(new Hold.CredentialsMissing("no alias").endsWhen()).contains("credentials");
    }
}

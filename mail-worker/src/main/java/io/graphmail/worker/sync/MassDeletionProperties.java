package io.graphmail.worker.sync;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When a full round's deletions are held for confirmation rather than applied: a round that no longer sees at least
 * {@code minMessages} of the messages a folder held, and more than {@code maxShare} of them, looks more like a mailbox
 * (or a stand-in for one) that lost its mail than like someone deleting it. A full sync with
 * {@code confirmDeletions} applies them.
 *
 * @param minMessages fewer unseen messages than this are always marked deleted
 * @param maxShare the share of the folder's messages (0 to 1) above which their deletion is held
 */
@Validated
@ConfigurationProperties("graphmail.sync.mass-deletion")
record MassDeletionProperties(
        @Min(1) @DefaultValue("100") int minMessages,

        @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.5")
        double maxShare) {

    boolean holds(long unseen, long stored) {
        return unseen >= minMessages && unseen > maxShare * stored;
    }
}

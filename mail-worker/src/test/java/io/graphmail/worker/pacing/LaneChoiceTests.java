package io.graphmail.worker.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which lane a free slot goes to: the decision table, with no storage. */
class LaneChoiceTests {

    static final String SINGLE = Lane.TRANSACTIONAL;
    static final String NEWSLETTER = "batch-1";
    static final String INVOICES = "batch-2";

    final LaneChoice choice = new LaneChoice(4);

    @Test
    void givesNoLaneWhenNobodyWaits() {
        assertThat(choice.choose(Set.of(), Map.of(), 0)).isNull();
    }

    @Test
    void givesTheSlotToSingleSendsAheadOfBulk() {
        assertThat(choice.choose(Set.of(SINGLE, NEWSLETTER), Map.of(), 0)).isEqualTo(SINGLE);
        assertThat(choice.choose(Set.of(SINGLE, NEWSLETTER), Map.of(), 2)).isEqualTo(SINGLE);
    }

    @Test
    void givesBulkEveryFourthSlotWhileBothWait() {
        assertThat(choice.choose(Set.of(SINGLE, NEWSLETTER), Map.of(), 3)).isEqualTo(NEWSLETTER);
    }

    @Test
    void keepsGivingSingleSendsEverySlotWhenNoBulkWaits() {
        assertThat(choice.choose(Set.of(SINGLE), Map.of(), 3)).isEqualTo(SINGLE);
        assertThat(LaneChoice.streakAfter(SINGLE, false, 3)).isZero();
    }

    @Test
    void countsTheStreakOnlyWhileBulkWaitsAndEndsItWithABulkSlot() {
        assertThat(LaneChoice.streakAfter(SINGLE, true, 2)).isEqualTo(3);
        assertThat(LaneChoice.streakAfter(NEWSLETTER, true, 3)).isZero();
    }

    @Test
    void givesBulkSlotsToTheBatchServedLongestAgo() {
        assertThat(choice.choose(Set.of(NEWSLETTER, INVOICES), Map.of(NEWSLETTER, 2_000L, INVOICES, 1_000L), 0))
                .isEqualTo(INVOICES);
        assertThat(choice.choose(Set.of(NEWSLETTER, INVOICES), Map.of(NEWSLETTER, 2_000L), 0))
                .as("a batch never served comes first")
                .isEqualTo(INVOICES);
        assertThat(choice.choose(Set.of(SINGLE, NEWSLETTER, INVOICES), Map.of(INVOICES, 5L), 3))
                .isEqualTo(NEWSLETTER);
    }

    @Test
    void refusesABulkShareThatWouldStarveSingleSends() {
        assertThatThrownBy(() -> new LaneChoice(1)).isInstanceOf(IllegalArgumentException.class);
    }
}

package io.graphmail.worker.pacing;

import java.util.Comparator;
import java.util.Map;
import java.util.Set;

/**
 * Which lane a free slot goes to when several wait: the transactional lane first, except that bulk gets at least one
 * slot in {@code bulkEvery} while both wait; among batches, the one served longest ago (round robin).
 *
 * @param bulkEvery when transactional and bulk messages both wait, every {@code bulkEvery}th slot goes to bulk
 */
record LaneChoice(int bulkEvery) {

    LaneChoice {
        if (bulkEvery < 2) {
            throw new IllegalArgumentException("bulkEvery must be at least 2, was " + bulkEvery);
        }
    }

    /**
     * @param waiting the lanes with a message waiting
     * @param servedAt when each lane last got a slot (absent: never)
     * @param transactionalStreak slots in a row that went to transactional messages while bulk ones waited
     * @return the lane that gets the slot, {@code null} if none waits
     */
    String choose(Set<String> waiting, Map<String, Long> servedAt, int transactionalStreak) {
        boolean transactional = waiting.contains(Lane.TRANSACTIONAL);
        var bulk = waiting.stream()
                .filter(lane -> !Lane.TRANSACTIONAL.equals(lane))
                .min(Comparator.<String>comparingLong(lane -> servedAt.getOrDefault(lane, 0L))
                        .thenComparing(Comparator.naturalOrder()));
        if (transactional && (bulk.isEmpty() || transactionalStreak < bulkEvery - 1)) {
            return Lane.TRANSACTIONAL;
        }
        return bulk.orElse(null);
    }

    /** The streak after a slot went to {@code lane} while {@code bulkWaited}. */
    static int streakAfter(String lane, boolean bulkWaited, int streak) {
        return Lane.TRANSACTIONAL.equals(lane) && bulkWaited ? streak + 1 : 0;
    }
}

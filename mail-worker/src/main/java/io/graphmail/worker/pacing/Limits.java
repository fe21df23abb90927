package io.graphmail.worker.pacing;

/** One account's sending limits; 0 means unlimited. */
public record Limits(int messagesPerMinute, int recipientsPerDay, int maxConcurrent) {

    /** These limits where {@code overrides} gives none (nulls keep the default). */
    public Limits with(Integer messagesPerMinute, Integer recipientsPerDay, Integer maxConcurrent) {
        return new Limits(
                messagesPerMinute == null ? this.messagesPerMinute : messagesPerMinute,
                recipientsPerDay == null ? this.recipientsPerDay : recipientsPerDay,
                maxConcurrent == null ? this.maxConcurrent : maxConcurrent);
    }

    /** These limits with at most {@code cap} recipients a day (0: no cap), whichever is stricter. */
    public Limits withRecipientsPerDayAtMost(int cap) {
        if (cap == 0 || (recipientsPerDay != 0 && recipientsPerDay <= cap)) {
            return this;
        }
        return new Limits(messagesPerMinute, cap, maxConcurrent);
    }

    boolean isUnlimited() {
        return messagesPerMinute == 0 && recipientsPerDay == 0 && maxConcurrent == 0;
    }
}

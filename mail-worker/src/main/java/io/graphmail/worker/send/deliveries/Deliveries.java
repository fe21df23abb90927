package io.graphmail.worker.send.deliveries;

import io.graphmail.worker.graph.GraphDrafts;
import java.time.Instant;
import java.util.Optional;

/** What the workers know about each delivery, shared by all of them; the guard against sending twice. */
public interface Deliveries {

    /**
     * Atomically takes the command for one attempt: it must be new or waiting for a retry. Empty
     * if it is being sent, was sent or has failed for good.
     */
    Optional<Delivery> claim(String key, String accountId, Instant now);

    Optional<Delivery> find(String key);

    /**
     * Sent: Graph accepted the message at {@code sentAt}.
     *
     * @param draft the draft that went out, recorded with it (non-delivery reports name its Internet message id);
     *     {@code null} if there was none, or it is not known
     */
    void markSent(String key, Instant sentAt, GraphDrafts.Draft draft);

    void markRetrying(String key, String error);

    /** Not yet its turn: like {@link #putBack}, and remember the ticket the pacing gave it. */
    void queue(String key, long paceTicket, String reason);

    /** The attempt never reached Graph: make the command claimable again without counting it. */
    void putBack(String key, String reason);

    /** Graph throttled the attempt: like {@link #putBack}, but counted; returns the count so far. */
    int putBackThrottled(String key, String error);

    /**
     * Graph could not be reached (no answer at all): like {@link #putBack}, but counted apart from attempts, and
     * remembered as interrupted, since the request may have been acted on; returns the count so far.
     */
    int putBackNetworkError(String key, String error);

    /**
     * The attempt created this draft and did not get it sent: a later attempt must look for it before sending again.
     * A draft that was sent is recorded by {@link #markSent}, in the same write.
     */
    void recordDraft(String key, String draftId, String internetMessageId);

    /** The attempt's worker never reported back: retry, looking for what it may have sent first. */
    void markInterrupted(String key, String error);

    void markFailed(String key, String error);
}

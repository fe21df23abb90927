package io.graphmail.worker.send;

import io.graphmail.worker.graph.GraphDrafts;
import io.graphmail.worker.send.deliveries.Deliveries;
import io.graphmail.worker.send.deliveries.Delivery;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The deliveries collection's rules, kept in a map. */
class InMemoryDeliveries implements Deliveries {

    private final Map<String, Delivery> rows = new HashMap<>();
    /** What {@link #markSent} throws instead of recording, while set. */
    RuntimeException markSentFails;

    void put(Delivery delivery) {
        rows.put(delivery.commandId(), delivery);
    }

    Delivery get(String key) {
        return rows.get(key);
    }

    @Override
    public Optional<Delivery> claim(String key, String accountId, Instant now) {
        Delivery found = rows.get(key);
        if (found == null) {
            found = new Delivery(
                    key, accountId, Delivery.State.RETRYING, 0, null, null, null, null, null, null, null, null);
        } else if (found.state() != Delivery.State.RETRYING) {
            return Optional.empty();
        }
        Delivery claimed = new Row(found)
                .state(Delivery.State.SENDING)
                .claimedAt(now)
                .attempts(+1)
                .done();
        rows.put(key, claimed);
        return Optional.of(claimed);
    }

    @Override
    public Optional<Delivery> find(String key) {
        return Optional.ofNullable(rows.get(key));
    }

    @Override
    public void markSent(String key, Instant sentAt, GraphDrafts.Draft draft) {
        if (markSentFails != null) {
            throw markSentFails;
        }
        change(key, row -> {
            var sent = row.state(Delivery.State.SENT).sentAt(sentAt);
            return draft == null ? sent : sent.draftId(draft.id());
        });
    }

    @Override
    public void markRetrying(String key, String error) {
        change(key, row -> row.state(Delivery.State.RETRYING).lastError(error).paceTicket(null));
    }

    @Override
    public void queue(String key, long paceTicket, String reason) {
        change(
                key,
                row -> row.state(Delivery.State.RETRYING)
                        .lastError(reason)
                        .paceTicket(paceTicket)
                        .attempts(-1));
    }

    @Override
    public void putBack(String key, String reason) {
        change(key, row -> row.state(Delivery.State.RETRYING).lastError(reason).attempts(-1));
    }

    @Override
    public int putBackThrottled(String key, String error) {
        change(
                key,
                row -> row.state(Delivery.State.RETRYING)
                        .lastError(error)
                        .attempts(-1)
                        .throttled()
                        .paceTicket(null));
        return rows.get(key).throttles();
    }

    @Override
    public int putBackNetworkError(String key, String error) {
        change(
                key,
                row -> row.state(Delivery.State.RETRYING)
                        .lastError(error)
                        .interrupted()
                        .attempts(-1)
                        .networkError()
                        .paceTicket(null));
        return rows.get(key).networkErrors();
    }

    @Override
    public void recordDraft(String key, String draftId, String internetMessageId) {
        change(key, row -> row.draftId(draftId));
    }

    @Override
    public void markInterrupted(String key, String error) {
        change(key, row -> row.state(Delivery.State.RETRYING).interrupted().lastError(error));
    }

    @Override
    public void markFailed(String key, String error) {
        change(key, row -> row.state(Delivery.State.FAILED).lastError(error));
    }

    private void change(String key, UnaryOperator<Row> update) {
        Delivery found = rows.get(key);
        if (found != null) {
            rows.put(key, update.apply(new Row(found)).done());
        }
    }

    /** A delivery being changed, field by field. */
    private static final class Row {
        private final Delivery was;
        private Delivery.State state;
        private int attempts;
        private Integer throttles;
        private Integer networkErrors;
        private Long paceTicket;
        private String draftId;
        private Boolean interrupted;
        private Instant claimedAt;
        private Instant sentAt;
        private String lastError;

        Row(Delivery was) {
            this.was = was;
            state = was.state();
            attempts = was.attempts();
            throttles = was.throttles();
            networkErrors = was.networkErrors();
            paceTicket = was.paceTicket();
            draftId = was.draftId();
            interrupted = was.interrupted();
            claimedAt = was.claimedAt();
            sentAt = was.sentAt();
            lastError = was.lastError();
        }

        Row state(Delivery.State state) {
            this.state = state;
            return this;
        }

        Row attempts(int by) {
            attempts += by;
            return this;
        }

        Row throttled() {
            throttles = throttles == null ? 1 : throttles + 1;
            return this;
        }

        Row networkError() {
            networkErrors = networkErrors == null ? 1 : networkErrors + 1;
            return this;
        }

        Row paceTicket(Long paceTicket) {
            this.paceTicket = paceTicket;
            return this;
        }

        Row draftId(String draftId) {
            this.draftId = draftId;
            return this;
        }

        Row interrupted() {
            interrupted = true;
            return this;
        }

        Row claimedAt(Instant claimedAt) {
            this.claimedAt = claimedAt;
            return this;
        }

        Row sentAt(Instant sentAt) {
            this.sentAt = sentAt;
            return this;
        }

        Row lastError(String lastError) {
            this.lastError = lastError;
            return this;
        }

        Delivery done() {
            return new Delivery(
                    was.commandId(),
                    was.accountId(),
                    state,
                    attempts,
                    throttles,
                    networkErrors,
                    paceTicket,
                    draftId,
                    interrupted,
                    claimedAt,
                    sentAt,
                    lastError);
        }
    }
}

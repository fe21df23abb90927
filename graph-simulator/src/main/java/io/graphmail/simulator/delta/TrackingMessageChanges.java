package io.graphmail.simulator.delta;

import io.graphmail.simulator.mailbox.ChangeLog;
import io.graphmail.simulator.mailbox.Folder;
import io.graphmail.simulator.mailbox.Mailbox;
import io.graphmail.simulator.mailbox.Mailboxes;
import io.graphmail.simulator.web.GraphError;
import io.graphmail.simulator.web.GraphErrorException;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Answers delta queries on a mailbox folder as Graph does: rounds of pages, each round ending with a delta token. */
@Component
class TrackingMessageChanges {

    static final int DEFAULT_PAGE_SIZE = 10;
    static final int MAX_PAGE_SIZE = 1000;

    private final Mailboxes mailboxes;
    private final SyncTokens tokens;
    private final DeltaRounds rounds;
    private final DeltaPageLimit limit;

    TrackingMessageChanges(Mailboxes mailboxes, SyncTokens tokens, DeltaRounds rounds, DeltaPageLimit limit) {
        this.mailboxes = mailboxes;
        this.tokens = tokens;
        this.rounds = rounds;
        this.limit = limit;
    }

    /** A page as {@code render} writes it; the page's size preference as applied, or null. */
    record Answer(byte[] body, Integer appliedPageSize) {}

    /**
     * Answers a delta request with the page {@code render} makes JSON of. A page larger than the limit answers
     * {@code 504} and changes nothing: its link may be asked again, with a smaller page size.
     */
    Answer answer(String address, Folder folder, DeltaRequest request, Function<DeltaPage, byte[]> render) {
        Mailbox mailbox = mailboxes.of(address);
        DeltaPage page = page(mailbox, folder, request);
        byte[] body = render.apply(page);
        if (limit.exceededBy(body.length)) {
            mailbox.deltaCounts().timedOut();
            throw new GraphErrorException(
                    HttpStatus.GATEWAY_TIMEOUT,
                    GraphError.defaultCode(HttpStatus.GATEWAY_TIMEOUT.value()),
                    "The request timed out while the page was assembled. Ask for fewer items per page.");
        }
        if (request.preferences().immutableId()) {
            mailbox.deltaCounts().immutableIdRequest();
        }
        if (request.skipToken() == null) {
            if (request.deltaToken() == null) {
                mailbox.deltaCounts().initialRound();
            } else {
                mailbox.deltaCounts().tokenRound();
            }
        }
        mailbox.deltaCounts().page();
        return new Answer(body, page.appliedPageSize());
    }

    private DeltaPage page(Mailbox mailbox, Folder folder, DeltaRequest request) {
        SyncState state = stateOf(mailbox, folder, request);
        Integer preferred = request.preferences().maxPageSize();
        Integer applied = preferred == null ? null : Math.min(preferred, MAX_PAGE_SIZE);
        int pageSize = applied != null
                ? applied
                : Objects.requireNonNullElse(state.options().top(), DEFAULT_PAGE_SIZE);
        List<DeltaItem> items = rounds.items(mailbox, state);
        int from = Math.min(state.offset(), items.size());
        int to = Math.min(items.size(), from + pageSize);
        boolean lastPage = to == items.size();
        SyncState next = lastPage ? state.deltaAfter() : state.pageAt(to);
        return new DeltaPage(items.subList(from, to), state.options(), tokens.encode(next), lastPage, applied);
    }

    private SyncState stateOf(Mailbox mailbox, Folder folder, DeltaRequest request) {
        ChangeLog.Position position = mailbox.changePosition();
        if (request.skipToken() != null) {
            return known(mailbox, request.skipToken(), position, folder);
        }
        if (request.deltaToken() != null) {
            return known(mailbox, request.deltaToken(), position, folder).roundUntil(position.sequence());
        }
        return SyncState.initialRound(position, folder, request.options());
    }

    private SyncState known(Mailbox mailbox, String token, ChangeLog.Position position, Folder folder) {
        return tokens.decode(token, position, folder).orElseThrow(() -> {
            mailbox.deltaCounts().expiredToken();
            return new GraphErrorException(
                    HttpStatus.GONE,
                    "SyncStateNotFound",
                    "The sync state generation is not found: the token has expired or is unknown. "
                            + "Synchronize again with a delta request without a token.");
        });
    }
}

package io.graphmail.worker.sync;

import io.graphmail.worker.accounts.AccountLeases.Lease;
import io.graphmail.worker.accounts.AccountSettings;
import io.graphmail.worker.graph.GraphCallFailed;
import io.graphmail.worker.graph.MailboxReader.DeltaPage;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Fetches a delta page, and when Graph times out on it (504, as pages with many full bodies do)
 * asks again for the same page with half as many messages, down to the configured floor. The
 * smaller size is stored with the round, so that the rest of it, resumed or not, asks for no more.
 */
@Component
class ShrinkingPages {

    private static final Logger log = LoggerFactory.getLogger(ShrinkingPages.class);
    private static final int GATEWAY_TIMEOUT = 504;

    private final FolderSyncStates states;
    private final SyncProperties properties;

    ShrinkingPages(FolderSyncStates states, SyncProperties properties) {
        this.states = states;
        this.properties = properties;
    }

    /** A page and the page size it was fetched with. */
    record Fetched(DeltaPage page, int pageSize) {}

    /**
     * {@code request} fetches the page with the page size it is given. Each timeout extends the
     * folder's lease: Graph may take long to time out, and the round is still making its way.
     */
    Fetched fetch(AccountSettings account, String folder, int pageSize, Lease lease, IntFunction<DeltaPage> request) {
        int size = pageSize;
        while (true) {
            try {
                return new Fetched(request.apply(size), size);
            } catch (GraphCallFailed failure) {
                if (failure.status() != GATEWAY_TIMEOUT || size <= properties.minPageSize()) {
                    throw failure;
                }
                int smaller = Math.max(properties.minPageSize(), size / 2);
                log.warn(
                        "A delta page of {} / {} timed out with {} messages; asking for {}",
                        account.id(),
                        folder,
                        size,
                        smaller);
                states.pageSizeReduced(account.id(), folder, smaller);
                lease.extend();
                size = smaller;
            }
        }
    }
}

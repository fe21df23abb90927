package io.graphmail.worker.accounts;

import java.util.List;
import java.util.Optional;

/** The accounts as the gateway records them; the worker only reads them. */
public interface AccountDirectory {

    Optional<AccountSettings> find(String accountId);

    /** The account as read at most a second ago (sending reads it for every message). */
    Optional<AccountSettings> findRecent(String accountId);

    /** The application accounts the gateway recorded with this status. */
    List<AccountSettings> withStatus(String status);
}

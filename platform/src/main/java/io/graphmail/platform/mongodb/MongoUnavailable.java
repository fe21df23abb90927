package io.graphmail.platform.mongodb;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Tells a failure because MongoDB could not be reached (down, restarting, a failover) from one that retrying cannot
 * fix: the first must be retried later, never dropped, and never requeued at once (that spins through the broker's
 * delivery limit while the database is still away).
 */
public final class MongoUnavailable {

    private MongoUnavailable() {}

    /** Whether {@code failure}, or anything that caused it, says that MongoDB was out of reach. */
    public static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessException
                    || cause instanceof MongoTimeoutException
                    || cause instanceof MongoSocketException) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }
}

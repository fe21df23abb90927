package io.graphmail.worker.graph;

import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.users.item.UserItemRequestBuilder;
import com.microsoft.kiota.RequestAdapter;
import com.microsoft.kiota.serialization.Parsable;
import com.microsoft.kiota.serialization.ParsableFactory;
import io.graphmail.worker.accounts.AccountOnHold;
import io.graphmail.worker.accounts.AccountSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.HashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Every Graph call goes through here: on the account's mailbox, timed, its failure classified. */
@Component
class GraphCalls {

    private static final Logger log = LoggerFactory.getLogger(GraphCalls.class);

    private final GraphClients clients;
    private final MeterRegistry meterRegistry;

    GraphCalls(GraphClients clients, MeterRegistry meterRegistry) {
        this.clients = clients;
        this.meterRegistry = meterRegistry;
    }

    /** {@code /me} for a delegated account, {@code /users/{mailbox}} for an application one. */
    UserItemRequestBuilder mailbox(AccountSettings account) {
        var client = clients.forAccount(account.id());
        return account.isDelegated() ? client.me() : client.users().byUserId(account.mailbox());
    }

    /** The account's client's request adapter, for a request built by the SDK but read by us. */
    RequestAdapter adapter(AccountSettings account) {
        return clients.forAccount(account.id()).getRequestAdapter();
    }

    /**
     * @throws GraphCallFailed when Graph refuses the call or cannot be reached
     * @throws AccountOnHold when no token can be had until the owner consents or the operator fixes its credentials
     */
    <T> T call(AccountSettings account, String operation, Supplier<T> request) {
        Timer.Sample sample = Timer.start(meterRegistry);
        String status = "2xx";
        try {
            return request.get();
        } catch (RuntimeException e) {
            GraphCallFailed failure = GraphCallFailed.from(e);
            status = failure.statusTag();
            if (failure.status() == 401) {
                clients.tokenRejected(account.id());
            }
            log.info(
                    "Graph {} for account {} failed: {} {} (request-id {})",
                    operation,
                    account.id(),
                    failure.statusTag(),
                    failure.code(),
                    failure.requestId());
            throw failure;
        } finally {
            sample.stop(meterRegistry.timer("graphmail.graph.requests", "operation", operation, "status", status));
        }
    }

    void call(AccountSettings account, String operation, Runnable request) {
        call(account, operation, () -> {
            request.run();
            return null;
        });
    }

    /** Every error status read as Graph's error body, as the SDK's request builders map them. */
    static HashMap<String, ParsableFactory<? extends Parsable>> odataErrors() {
        var mapping = new HashMap<String, ParsableFactory<? extends Parsable>>();
        mapping.put("XXX", ODataError::createFromDiscriminatorValue);
        return mapping;
    }
}

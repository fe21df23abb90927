package io.graphmail.worker.graph;

import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.kiota.ApiException;
import io.graphmail.worker.accounts.AccountOnHold;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Graph refused a call or could not be reached; says whether trying again may help. */
public class GraphCallFailed extends RuntimeException {

    // 401: the access token was refused (expired or revoked early); the next attempt gets a fresh one.
    private static final Set<Integer> TRANSIENT_STATUSES = Set.of(401, 408, 429, 500, 502, 503, 504);

    /** The code of {@link #linkOutsideGraph()}. */
    public static final String LINK_OUTSIDE_GRAPH = "linkOutsideGraphBaseUrl";

    private final int status;
    private final String code;
    private final Duration retryAfter;
    private final String requestId;

    GraphCallFailed(int status, String code, Duration retryAfter, String requestId, Throwable cause) {
        super(
                "Graph call failed: " + (status == 0 ? "" : status + " ") + code
                        + (requestId == null ? "" : " (request-id " + requestId + ")"),
                cause);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
        this.requestId = requestId;
    }

    /** @throws AccountOnHold as it is, if that is why the call failed */
    static GraphCallFailed from(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof AccountOnHold onHold) {
                throw onHold;
            }
        }
        if (e instanceof ApiException api) {
            return new GraphCallFailed(
                    api.getResponseStatusCode(), errorCode(api), RetryAfter.of(api), requestId(api), e);
        }
        // No HTTP answer (connection refused, timeout): the outcome is the same as a 503.
        return new GraphCallFailed(0, "NETWORK_ERROR:" + rootCause(e).getClass().getSimpleName(), null, null, e);
    }

    /**
     * A stored {@code @odata.nextLink} or {@code @odata.deltaLink} does not point under the configured Graph base URL:
     * the delta state is as good as lost (410), and the folder is synced in full.
     */
    static GraphCallFailed linkOutsideGraph() {
        return new GraphCallFailed(410, LINK_OUTSIDE_GRAPH, null, null, null);
    }

    /** A ranged upload to an upload session failed ({@code status} 0: no answer). */
    static GraphCallFailed upload(int status, String code) {
        return new GraphCallFailed(status, code, null, null, null);
    }

    /** A ranged upload was refused with {@code Retry-After}, too often or for too long to wait here. */
    static GraphCallFailed upload(int status, String code, Duration retryAfter) {
        return new GraphCallFailed(status, code, retryAfter, null, null);
    }

    /** Throttling, server trouble, refused tokens and network errors pass; everything else will fail again. */
    public boolean isTransient() {
        return status == 0 || TRANSIENT_STATUSES.contains(status);
    }

    /** Graph's error code (e.g. {@code ErrorInvalidRecipients}) or a short description. */
    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    /** How long Graph asked us to wait, from its {@code Retry-After} header. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * Graph's {@code request-id} of the refused call, which Microsoft support asks for; null when there was no answer.
     */
    public String requestId() {
        return requestId;
    }

    /** The code and, when Graph answered, its request id: what an operator needs to follow the failure up. */
    public String reason() {
        return requestId == null ? code : code + " (request-id " + requestId + ")";
    }

    String statusTag() {
        return status == 0 ? "IO_ERROR" : Integer.toString(status);
    }

    private static String errorCode(ApiException e) {
        if (e instanceof ODataError odata
                && odata.getError() != null
                && odata.getError().getCode() != null) {
            return odata.getError().getCode();
        }
        return "HTTP_" + e.getResponseStatusCode();
    }

    private static String requestId(ApiException e) {
        var headers = e.getResponseHeaders();
        if (headers == null) {
            return null;
        }
        return headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("request-id"))
                .flatMap(header -> header.getValue().stream())
                .findFirst()
                .orElse(null);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}

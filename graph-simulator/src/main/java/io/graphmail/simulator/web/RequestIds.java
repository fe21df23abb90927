package io.graphmail.simulator.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every answer Graph's {@code request-id} (new for each request) and {@code client-request-id} (the client's
 * own, else the request id) headers, and keeps both for the error bodies' {@code innerError}. Runs before every other
 * filter of the simulator, so that answers they write carry them too.
 */
@Component
@Order(RequestIds.ORDER)
public class RequestIds extends OncePerRequestFilter {

    static final int ORDER = -50;

    public static final String REQUEST_ID = "request-id";
    public static final String CLIENT_REQUEST_ID = "client-request-id";

    /** The ids of the request being answered; fresh ones outside a request. */
    record Ids(String requestId, String clientRequestId) {}

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = UUID.randomUUID().toString();
        String clientRequestId = Optional.ofNullable(request.getHeader(CLIENT_REQUEST_ID))
                .filter(id -> !id.isBlank())
                .orElse(requestId);
        request.setAttribute(REQUEST_ID, requestId);
        request.setAttribute(CLIENT_REQUEST_ID, clientRequestId);
        response.setHeader(REQUEST_ID, requestId);
        response.setHeader(CLIENT_REQUEST_ID, clientRequestId);
        chain.doFilter(request, response);
    }

    static Ids current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        Object requestId =
                attributes == null ? null : attributes.getAttribute(REQUEST_ID, RequestAttributes.SCOPE_REQUEST);
        Object clientRequestId =
                attributes == null ? null : attributes.getAttribute(CLIENT_REQUEST_ID, RequestAttributes.SCOPE_REQUEST);
        if (requestId == null) {
            String fresh = UUID.randomUUID().toString();
            return new Ids(fresh, fresh);
        }
        return new Ids(
                requestId.toString(), clientRequestId == null ? requestId.toString() : clientRequestId.toString());
    }
}

package io.graphmail.simulator.throttling;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.simulator.SimulatorTests;
import io.graphmail.simulator.auth.AuthenticatedMailbox;
import jakarta.servlet.FilterChain;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A request is in progress, for the concurrency limit, until its answer leaves: a client that sends its next request
 * the moment an answer arrives (as a worker does once it has released its place) is never over the limit.
 */
class ConcurrencyCountTests extends SimulatorTests {

    static final String MAILBOX = "a@x.io";

    @Autowired
    ThrottlingFilter throttling;

    @Test
    void aRequestSentWhenTheLastAnswerArrivesIsNotCountedWithIt() throws Exception {
        http.put("/_sim/mailboxes/" + MAILBOX + "/limits", "{\"maxConcurrent\": 1}");
        List<Integer> nextRequestStatuses = new ArrayList<>();
        var firstAnswer = new MockHttpServletResponse() {
            @Override
            public void flushBuffer() {
                if (!isCommitted()) {
                    // The answer reaches the client now, and the client asks again at once.
                    nextRequestStatuses.add(run((request, response) -> {}).getStatus());
                }
                super.flushBuffer();
            }
        };

        throttling.doFilter(graphRequest(), firstAnswer, (request, response) -> {
            response.getWriter().write("{\"value\": []}");
            response.flushBuffer();
        });

        assertThat(firstAnswer.getContentAsString()).isEqualTo("{\"value\": []}");
        assertThat(nextRequestStatuses).containsExactly(200);
        assertThat(http.get("/_sim/stats")
                        .json()
                        .path(MAILBOX)
                        .path("throttled")
                        .asInt())
                .isZero();
    }

    private MockHttpServletResponse run(FilterChain chain) {
        var response = new MockHttpServletResponse();
        try {
            throttling.doFilter(graphRequest(), response, chain);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return response;
    }

    private static MockHttpServletRequest graphRequest() {
        var request = new MockHttpServletRequest("GET", "/v1.0/users/" + MAILBOX + "/messages");
        request.setAttribute(AuthenticatedMailbox.ATTRIBUTE, MAILBOX);
        request.setAttribute(AuthenticatedMailbox.APP_ATTRIBUTE, "app-1");
        return request;
    }
}

package io.graphmail.simulator.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes Graph errors from servlet filters, which run outside {@link GraphErrorAdvice}'s reach. */
@Component
public class GraphErrorResponses {

    private final JsonMapper json;

    GraphErrorResponses(JsonMapper json) {
        this.json = json;
    }

    public void write(HttpServletResponse response, int status, String code, String message) throws IOException {
        var error = GraphError.of(code, message);
        response.setStatus(status);
        // Again, as a response reset (a fault striking after the endpoint answered) drops the headers set before.
        response.setHeader(RequestIds.REQUEST_ID, error.error().innerError().requestId());
        response.setHeader(
                RequestIds.CLIENT_REQUEST_ID, error.error().innerError().clientRequestId());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), error);
    }
}

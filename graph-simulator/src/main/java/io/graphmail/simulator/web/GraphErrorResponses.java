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
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), GraphError.of(code, message));
    }
}

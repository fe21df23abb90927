package io.graphmail.simulator.https;

import org.springframework.stereotype.Component;

/** Where the HTTPS connector listens, resolved after start when a free port ({@code 0}) was asked for. */
@Component
public class HttpsPort {

    private final HttpsConnector connector;

    HttpsPort(HttpsConnector connector) {
        this.connector = connector;
    }

    /** The bound port; fails while the web server has not started. */
    public int port() {
        int port = connector.localPort();
        if (port <= 0) {
            throw new IllegalStateException("The HTTPS connector has not started");
        }
        return port;
    }

    /** {@code https://localhost:<port>}, the root the identity endpoints hang from. */
    public String baseUrl() {
        return "https://localhost:" + port();
    }
}

package io.graphmail.simulator.faults;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Closes the connection of a request marked for it, without sending any answer: what a client sees when the server
 * or the network fails mid-request. Only Tomcat itself can do that, so a valve does it once the servlet chain, which
 * must leave the response uncommitted, has returned.
 */
@Component
class ConnectionDrops implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private static final String ATTRIBUTE = ConnectionDrops.class.getName();

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextValves(new DroppingValve());
    }

    /** Marks the request: its connection is closed without an answer when the servlet chain returns. */
    static void drop(HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, Boolean.TRUE);
    }

    private static final class DroppingValve extends ValveBase {

        DroppingValve() {
            super(true);
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            getNext().invoke(request, response);
            if (request.getAttribute(ATTRIBUTE) != null) {
                response.getCoyoteResponse().action(ActionCode.CLOSE_NOW, null);
            }
        }
    }
}

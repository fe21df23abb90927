package io.graphmail.simulator.messages;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Absolute URLs built from the request's own scheme, host and port, as Graph's links are. */
public final class ODataContext {

    private static final String ROOT = "/v1.0/";

    private ODataContext() {}

    /** The {@code @odata.context} of an answer: the service's metadata URL with {@code fragment}. */
    public static String of(HttpServletRequest request, String fragment) {
        String self = self(request);
        return self.substring(0, self.indexOf(ROOT) + ROOT.length()) + "$metadata#" + fragment;
    }

    /** The request's URL without its query. */
    public static String self(HttpServletRequest request) {
        return ServletUriComponentsBuilder.fromRequestUri(request).build().toUriString();
    }
}

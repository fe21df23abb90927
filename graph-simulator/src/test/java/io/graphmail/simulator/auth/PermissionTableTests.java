package io.graphmail.simulator.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.simulator.SimulatorTests;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Every Graph endpoint the simulator serves has a row in the permission table, so no endpoint goes unchecked. */
class PermissionTableTests extends SimulatorTests {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyGraphEndpointNeedsADocumentedPermission() {
        var unchecked = new ArrayList<String>();
        int endpoints = 0;
        for (var mapping : mappings.getHandlerMethods().keySet()) {
            for (String pattern : mapping.getPatternValues()) {
                String resource = resourceOf(pattern);
                if (resource == null) {
                    continue;
                }
                for (var method : mapping.getMethodsCondition().getMethods()) {
                    endpoints++;
                    if (GraphPermissions.required(method.name(), resource).isEmpty()) {
                        unchecked.add(method + " " + pattern);
                    }
                }
            }
        }

        assertThat(endpoints).isGreaterThan(20);
        assertThat(unchecked).isEmpty();
    }

    /** The path below the mailbox, variables filled in; null for paths that are not a mailbox's Graph endpoints. */
    private static String resourceOf(String pattern) {
        String path;
        if (pattern.startsWith("/v1.0/me/")) {
            path = pattern.substring("/v1.0/me".length());
        } else if (pattern.startsWith("/v1.0/users/{userId}/")) {
            path = pattern.substring("/v1.0/users/{userId}".length());
        } else {
            return null;
        }
        return path.replaceAll("\\{[^}]+}", "AAMk1");
    }
}

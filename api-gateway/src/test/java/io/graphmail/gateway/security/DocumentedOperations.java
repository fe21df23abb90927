package io.graphmail.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.gateway.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** The operations {@code /v3/api-docs} lists, so security tests cover an endpoint as soon as it exists. */
final class DocumentedOperations {

    record Operation(String method, String path) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private DocumentedOperations() {}

    static List<Operation> of(Api api) {
        var response = api.get("/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        List<Operation> operations = new ArrayList<>();
        JsonNode paths = response.json().get("paths");
        for (String path : paths.propertyNames()) {
            for (String method : paths.get(path).propertyNames()) {
                operations.add(new Operation(method.toUpperCase(Locale.ROOT), path));
            }
        }
        assertThat(operations).hasSizeGreaterThan(20);
        return operations;
    }
}

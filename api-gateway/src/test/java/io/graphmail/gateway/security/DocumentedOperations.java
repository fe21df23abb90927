package io.graphmail.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.gateway.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** The operations {@code /v3/api-docs} lists, so security tests cover an endpoint as soon as it exists. */
public final class DocumentedOperations {

    /** @param definition the operation object of the document, with its parameters and request body */
    public record Operation(String method, String path, JsonNode definition) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private DocumentedOperations() {}

    public static List<Operation> of(Api api) {
        return of(document(api));
    }

    /** The whole OpenAPI document, for its components too. */
    public static JsonNode document(Api api) {
        var response = api.get("/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    public static List<Operation> of(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        JsonNode paths = document.get("paths");
        for (String path : paths.propertyNames()) {
            for (String method : paths.get(path).propertyNames()) {
                operations.add(new Operation(
                        method.toUpperCase(Locale.ROOT), path, paths.get(path).get(method)));
            }
        }
        assertThat(operations).hasSizeGreaterThan(20);
        return operations;
    }
}

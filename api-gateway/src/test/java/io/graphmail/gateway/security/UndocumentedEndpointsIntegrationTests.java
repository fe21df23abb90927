package io.graphmail.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.gateway.GatewayAloneTests;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Every endpoint the application's handler mappings answer is either in {@code /v3/api-docs}, where the security
 * tests that enumerate the document cover it, or in the reviewed list of {@link UndocumentedEndpoints}, whose
 * expectations are checked here. A handler that is in neither (a {@code @Hidden} controller, a mapping springdoc
 * leaves out) fails, so a new hidden endpoint cannot go unnoticed.
 */
@Import(HandlerInvocations.class)
class UndocumentedEndpointsIntegrationTests extends GatewayAloneTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    Environment environment;

    @Autowired
    HandlerInvocations invocations;

    @Test
    void everyHandlerIsDocumentedOrAReviewedEndpoint() {
        Set<String> documented = DocumentedOperations.of(api).stream()
                .map(operation -> operation.method() + " " + operation.path())
                .collect(Collectors.toSet());
        Set<String> reviewed = UndocumentedEndpoints.REVIEWED.stream()
                .map(UndocumentedEndpoints.Endpoint::key)
                .collect(Collectors.toSet());
        var handled = HandlerEndpoints.of(context);

        assertThat(handled)
                .filteredOn(endpoint -> !documented.contains(endpoint.key()) && !reviewed.contains(endpoint.key()))
                .as("handlers neither in /v3/api-docs nor reviewed in UndocumentedEndpoints")
                .isEmpty();
        assertThat(reviewed)
                .as("reviewed endpoints that no handler answers any more")
                .isSubsetOf(handled.stream().map(HandlerEndpoints.Endpoint::key).toList());
        assertThat(handled).extracting(HandlerEndpoints.Endpoint::key).contains("POST /notifications/graph");
    }

    @Test
    void everyReviewedEndpointMeetsItsExpectation() {
        Map<String, Long> before = storedCounts();
        invocations.clear();
        var probe = new UndocumentedEndpoints.Probe(port, invocations, environment);
        Map<String, List<String>> failures = new TreeMap<>();
        for (var endpoint : UndocumentedEndpoints.REVIEWED) {
            var found = endpoint.expectation().failures(probe);
            if (!found.isEmpty()) {
                failures.put(endpoint.key(), found);
            }
        }

        assertThat(failures).isEmpty();
        assertThat(invocations.reached())
                .as("only the notification handler is reached without a key")
                .allMatch(invocation -> invocation.endsWith("-> notified"));
        assertThat(storedCounts()).isEqualTo(before);
    }

    private Map<String, Long> storedCounts() {
        Map<String, Long> counts = new TreeMap<>();
        for (String collection : mongo.getCollectionNames()) {
            counts.put(collection, count(collection));
        }
        return counts;
    }
}

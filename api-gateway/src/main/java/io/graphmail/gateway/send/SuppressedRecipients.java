package io.graphmail.gateway.send;

import io.graphmail.gateway.security.ApiClient;
import io.graphmail.gateway.send.ReferenceProblem.Errors;
import io.graphmail.gateway.send.ReferenceProblem.Place;
import io.graphmail.gateway.suppressions.Suppressions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Keeps mail from addresses on the client's suppression list, unless the request overrides the list: a single send
 * is refused, a batch item is recorded SUPPRESSED instead of sent. A message is judged whole: one suppressed
 * recipient, in {@code to}, {@code cc} or {@code bcc}, stops it, so that no one receives a message whose recipient
 * list differs from what its sender wrote.
 */
@Component
public class SuppressedRecipients {

    static final String TYPE = "suppressed-recipient";

    /** How the reason of a batch item not sent begins. */
    public static final String REASON = "SUPPRESSED";

    private final Suppressions suppressions;

    SuppressedRecipients(Suppressions suppressions) {
        this.suppressions = suppressions;
    }

    /** @throws ReferenceProblem 422 naming each suppressed recipient by its field */
    void refuse(SendMailRequest request, ApiClient client) {
        if (Boolean.TRUE.equals(request.ignoreSuppressions())) {
            return;
        }
        var suppressed = Set.copyOf(
                suppressions.suppressedAmong(client.id(), recipients(request).toList()));
        if (suppressed.isEmpty()) {
            return;
        }
        var errors = new Errors();
        fields(request, suppressed)
                .forEach(field -> errors.add(
                        Place.REQUEST,
                        field.name(),
                        field.address() + " is on the suppression list (set ignoreSuppressions to send anyway)"));
        errors.throwIfAny(HttpStatus.UNPROCESSABLE_ENTITY, TYPE, "Recipient on the suppression list");
    }

    /**
     * Why each item of a batch is not to be sent, by its index: {@code SUPPRESSED: on the suppression list: to[0]
     * ada@example.com}. Items that override the list themselves are sent, and so is every item when
     * {@code overridden}. One look-up for the whole batch.
     */
    public Map<Integer, String> inBatch(List<SendMailRequest> items, boolean overridden, ApiClient client) {
        if (overridden) {
            return Map.of();
        }
        var checked = IntStream.range(0, items.size())
                .filter(i -> !Boolean.TRUE.equals(items.get(i).ignoreSuppressions()))
                .boxed()
                .toList();
        var suppressed = Set.copyOf(suppressions.suppressedAmong(
                client.id(),
                checked.stream().flatMap(i -> recipients(items.get(i))).toList()));
        var reasons = new LinkedHashMap<Integer, String>();
        if (suppressed.isEmpty()) {
            return reasons;
        }
        for (int i : checked) {
            var fields = fields(items.get(i), suppressed);
            if (!fields.isEmpty()) {
                reasons.put(
                        i,
                        REASON + ": on the suppression list: "
                                + String.join(
                                        ", ",
                                        fields.stream()
                                                .map(field -> field.name() + " " + field.address())
                                                .toList()));
            }
        }
        return reasons;
    }

    private static Stream<String> recipients(SendMailRequest request) {
        return Stream.of(request.to(), request.cc(), request.bcc()).flatMap(List::stream);
    }

    /** The request's recipients that are suppressed, each with the field that names it ({@code cc[1]}). */
    private static List<Field> fields(SendMailRequest request, Set<String> suppressed) {
        var fields = new ArrayList<Field>();
        add(fields, "to", request.to(), suppressed);
        add(fields, "cc", request.cc(), suppressed);
        add(fields, "bcc", request.bcc(), suppressed);
        return fields;
    }

    private static void add(List<Field> fields, String field, List<String> addresses, Set<String> suppressed) {
        for (int i = 0; i < addresses.size(); i++) {
            if (suppressed.contains(addresses.get(i).strip().toLowerCase(Locale.ROOT))) {
                fields.add(new Field(field + "[" + i + "]", addresses.get(i)));
            }
        }
    }

    private record Field(String name, String address) {}
}

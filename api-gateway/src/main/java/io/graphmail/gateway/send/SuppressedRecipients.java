package io.graphmail.gateway.send;

import io.graphmail.gateway.security.ApiClient;
import io.graphmail.gateway.send.ReferenceProblem.Errors;
import io.graphmail.gateway.send.ReferenceProblem.Place;
import io.graphmail.gateway.suppressions.Suppressions;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Refuses a message to an address on the client's suppression list, unless the request overrides the list. */
@Component
class SuppressedRecipients {

    static final String TYPE = "suppressed-recipient";

    private final Suppressions suppressions;

    SuppressedRecipients(Suppressions suppressions) {
        this.suppressions = suppressions;
    }

    /** @throws ReferenceProblem 422 naming each suppressed recipient by its field */
    void refuse(SendMailRequest request, ApiClient client) {
        if (Boolean.TRUE.equals(request.ignoreSuppressions())) {
            return;
        }
        var addresses = Stream.of(request.to(), request.cc(), request.bcc())
                .flatMap(List::stream)
                .toList();
        var suppressed = suppressions.suppressedAmong(client.id(), addresses);
        if (suppressed.isEmpty()) {
            return;
        }
        var errors = new Errors();
        add(errors, "to", request.to(), suppressed);
        add(errors, "cc", request.cc(), suppressed);
        add(errors, "bcc", request.bcc(), suppressed);
        errors.throwIfAny(HttpStatus.UNPROCESSABLE_ENTITY, TYPE, "Recipient on the suppression list");
    }

    private static void add(Errors errors, String field, List<String> addresses, List<String> suppressed) {
        for (int i = 0; i < addresses.size(); i++) {
            if (suppressed.contains(addresses.get(i).strip().toLowerCase(Locale.ROOT))) {
                errors.add(
                        Place.REQUEST,
                        field + "[" + i + "]",
                        addresses.get(i) + " is on the suppression list (set ignoreSuppressions to send anyway)");
            }
        }
    }
}

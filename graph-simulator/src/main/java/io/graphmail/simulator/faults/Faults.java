package io.graphmail.simulator.faults;

import io.graphmail.simulator.web.GraphErrorException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPatternParser;

/** The faults in force, in the order they were added; the first one that strikes a request wins. */
@Component
class Faults {

    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final PathPatternParser parser = new PathPatternParser();

    Faults() {
        parser.setCaseSensitive(false);
    }

    Fault add(FaultSpec spec) {
        if (!spec.failsRequest() && spec.latency() == 0 && !spec.dropsConnection()) {
            throw GraphErrorException.badRequest(
                    "ErrorInvalidRequest", "A fault needs a status of 400 or more, a latencyMs or dropConnection.");
        }
        if (spec.failsRequest() && spec.status() < 400) {
            throw GraphErrorException.badRequest("ErrorInvalidRequest", "'status' must be 0 or an error status.");
        }
        if (spec.failsRequest() && spec.dropsConnection()) {
            throw GraphErrorException.badRequest(
                    "ErrorInvalidRequest", "A fault either answers with a status or drops the connection.");
        }
        var fault = new Fault(UUID.randomUUID().toString(), spec.withDefaults(), parser.parse(spec.pathPattern()));
        faults.add(fault);
        return fault;
    }

    /** The first fault of its phase (before the endpoint, or after its success) that strikes the request. */
    Optional<Fault> strike(String method, String path, boolean afterSuccess) {
        var container = PathContainer.parsePath(path);
        var random = ThreadLocalRandom.current();
        return faults.stream()
                .filter(fault -> fault.spec().strikesAfterSuccess() == afterSuccess)
                .filter(fault -> fault.matches(method, container))
                .filter(fault -> fault.strikes(random::nextDouble))
                .findFirst();
    }

    /** Whether a fault waits for an endpoint's answer to the request, which must then be held back until it is known. */
    boolean anyAfterSuccess(String method, String path) {
        var container = PathContainer.parsePath(path);
        return faults.stream()
                .anyMatch(fault -> fault.spec().strikesAfterSuccess() && fault.matches(method, container));
    }

    List<FaultView> list() {
        return faults.stream().map(Fault::view).toList();
    }

    boolean remove(String id) {
        return faults.removeIf(fault -> fault.id().equals(id));
    }

    void clear() {
        faults.clear();
    }
}

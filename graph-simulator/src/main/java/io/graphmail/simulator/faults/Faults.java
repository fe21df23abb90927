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
        if (!spec.failsRequest() && spec.latency() == 0) {
            throw GraphErrorException.badRequest(
                    "ErrorInvalidRequest", "A fault needs a status of 400 or more, a latencyMs, or both.");
        }
        if (spec.failsRequest() && spec.status() < 400) {
            throw GraphErrorException.badRequest("ErrorInvalidRequest", "'status' must be 0 or an error status.");
        }
        var fault = new Fault(UUID.randomUUID().toString(), spec.withDefaults(), parser.parse(spec.pathPattern()));
        faults.add(fault);
        return fault;
    }

    Optional<Fault> strike(String method, String path) {
        var container = PathContainer.parsePath(path);
        var random = ThreadLocalRandom.current();
        return faults.stream()
                .filter(fault -> fault.matches(method, container))
                .filter(fault -> fault.strikes(random::nextDouble))
                .findFirst();
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

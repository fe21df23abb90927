package io.graphmail.simulator.requests;

import java.util.Map;
import java.util.function.Predicate;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.pattern.PathPatternParser;

@RestController
@RequestMapping("/_sim/requests")
class RequestCountsController {

    private final RequestCounts counts;

    RequestCountsController(RequestCounts counts) {
        this.counts = counts;
    }

    /** The counts, optionally only for paths matching {@code path}, an exact path or a pattern such as /v1.0/users/*. */
    @GetMapping
    RequestCountsView list(@RequestParam(required = false) String path) {
        var matching = counts.counts(pathFilter(path));
        long total = matching.values().stream().mapToLong(Long::longValue).sum();
        return new RequestCountsView(total, matching);
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void clear() {
        counts.clear();
    }

    private static Predicate<String> pathFilter(String path) {
        if (path == null || path.isBlank()) {
            return candidate -> true;
        }
        var parser = new PathPatternParser();
        parser.setCaseSensitive(false);
        var pattern = parser.parse(path);
        return candidate -> pattern.matches(PathContainer.parsePath(candidate));
    }

    record RequestCountsView(long total, Map<String, Long> counts) {}
}

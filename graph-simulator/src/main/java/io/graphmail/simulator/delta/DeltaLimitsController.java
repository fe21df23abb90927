package io.graphmail.simulator.delta;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Control API: how large a delta page may be before it times out, for every mailbox. */
@RestController
@RequestMapping("/_sim/delta/limits")
class DeltaLimitsController {

    private final DeltaPageLimit limit;

    DeltaLimitsController(DeltaPageLimit limit) {
        this.limit = limit;
    }

    @GetMapping
    DeltaPageLimit.Limits limits() {
        return limit.limits();
    }

    /** {@code maxPageBytes} null, 0 or less: pages never time out. */
    @PutMapping
    DeltaPageLimit.Limits set(@RequestBody DeltaPageLimit.Limits limits) {
        return limit.set(limits.maxPageBytes());
    }

    /** Back to {@code graphmail.simulator.delta.max-page-bytes}. */
    @DeleteMapping
    DeltaPageLimit.Limits reset() {
        return limit.reset();
    }
}

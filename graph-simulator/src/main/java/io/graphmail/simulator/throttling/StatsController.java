package io.graphmail.simulator.throttling;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Control API: what the throttle saw per mailbox, for tests and benchmarks. */
@RestController
@RequestMapping("/_sim")
class StatsController {

    private final Traffic traffic;

    StatsController(Traffic traffic) {
        this.traffic = traffic;
    }

    /** The mailbox's figures; all zero for a mailbox not seen since the last reset. */
    @GetMapping("/mailboxes/{mailbox}/stats")
    MailboxStats stats(@PathVariable String mailbox) {
        return traffic.stats(mailbox);
    }

    /** Each app's figures for the mailbox, by app id (the token's client id; {@code static-token} for it). */
    @GetMapping("/mailboxes/{mailbox}/stats/apps")
    Map<String, MailboxStats> perApp(@PathVariable String mailbox) {
        return traffic.perApp(mailbox);
    }

    @GetMapping("/stats")
    Map<String, MailboxStats> all() {
        return traffic.stats();
    }

    @DeleteMapping("/stats")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void clear() {
        traffic.clear();
    }
}

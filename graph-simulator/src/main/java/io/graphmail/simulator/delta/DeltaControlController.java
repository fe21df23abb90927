package io.graphmail.simulator.delta;

import io.graphmail.simulator.mailbox.DeltaCounts;
import io.graphmail.simulator.mailbox.Mailboxes;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Control API: force a mailbox's delta clients to synchronize afresh, and see how they synchronized. */
@RestController
@RequestMapping("/_sim/mailboxes/{mailbox}/delta")
class DeltaControlController {

    private final Mailboxes mailboxes;

    DeltaControlController(Mailboxes mailboxes) {
        this.mailboxes = mailboxes;
    }

    /** Every delta and skip token issued so far for the mailbox answers {@code 410 SyncStateNotFound} from now on. */
    @PostMapping("/expire")
    Map<String, Long> expire(@PathVariable String mailbox) {
        return Map.of("generation", mailboxes.of(mailbox).expireSyncStates());
    }

    @GetMapping("/stats")
    DeltaCounts.DeltaStats stats(@PathVariable String mailbox) {
        return mailboxes.of(mailbox).deltaCounts().stats();
    }
}

package io.graphmail.simulator.sending;

import io.graphmail.simulator.mailbox.DraftCounts;
import io.graphmail.simulator.mailbox.Mailboxes;
import io.graphmail.simulator.mailbox.PreferHeaderCounts;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Control API: how a mailbox's drafts went, and the {@code Prefer} headers its requests carried. */
@RestController
class DraftControlController {

    private final Mailboxes mailboxes;

    DraftControlController(Mailboxes mailboxes) {
        this.mailboxes = mailboxes;
    }

    @GetMapping("/_sim/mailboxes/{mailbox}/drafts/stats")
    DraftCounts.DraftStats stats(@PathVariable String mailbox) {
        return mailboxes.of(mailbox).draftCounts().stats();
    }

    @GetMapping("/_sim/mailboxes/{mailbox}/prefer-headers")
    PreferHeaderCounts.PreferHeaderStats preferHeaders(@PathVariable String mailbox) {
        return mailboxes.of(mailbox).preferHeaders().stats();
    }
}

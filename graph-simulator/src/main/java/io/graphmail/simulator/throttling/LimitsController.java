package io.graphmail.simulator.throttling;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Control API: the throttling limits of one mailbox, of all others, or none. */
@RestController
@RequestMapping("/_sim")
class LimitsController {

    private final Limits limits;

    LimitsController(Limits limits) {
        this.limits = limits;
    }

    @PutMapping("/mailboxes/{mailbox}/limits")
    MailboxLimits limit(@PathVariable String mailbox, @Valid @RequestBody MailboxLimits mailboxLimits) {
        limits.set(mailbox, mailboxLimits);
        return mailboxLimits;
    }

    @PutMapping("/limits/default")
    MailboxLimits limitByDefault(@Valid @RequestBody MailboxLimits defaults) {
        limits.setDefault(defaults);
        return defaults;
    }

    /** Outlook's window limits for every app and mailbox, e.g. larger for a test that is not about them. */
    @PutMapping("/limits/windows")
    WindowsRequest limitWindows(@Valid @RequestBody WindowsRequest windows) {
        limits.setWindows(new WindowLimits(
                windows.requestsPerWindow(),
                windows.requestWindowSeconds() * 1000,
                windows.uploadBytesPerWindow(),
                windows.uploadWindowSeconds() * 1000));
        return windows;
    }

    @GetMapping("/limits")
    Limits.LimitsView list() {
        return limits.view();
    }

    @DeleteMapping("/limits")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void clear() {
        limits.clear();
    }

    /** The window limits as the control API takes them; a limit of 0 is none. */
    record WindowsRequest(
            @PositiveOrZero int requestsPerWindow,
            @Positive long requestWindowSeconds,
            @PositiveOrZero long uploadBytesPerWindow,
            @Positive long uploadWindowSeconds) {}
}

package io.graphmail.simulator.sending;

import io.graphmail.simulator.mailbox.SendingLimits;

/** Where each mailbox's sending limits come from: the control API's limits, else the configured defaults. */
public interface SendingLimitsSource {

    SendingLimits sendingLimits(String mailbox);
}

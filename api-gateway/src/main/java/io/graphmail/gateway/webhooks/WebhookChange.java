package io.graphmail.gateway.webhooks;

import jakarta.validation.constraints.Size;
import java.util.List;

/** Changes to an endpoint; absent fields stay. Enabling an endpoint graphmail disabled starts it afresh. */
record WebhookChange(
        @Size(max = 2048) String url,
        @Size(min = 1, max = 20) List<String> events,
        Boolean enabled) {}

package io.graphmail.gateway.webhooks;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Changes to an endpoint; absent fields stay. Enabling an endpoint graphmail disabled starts it afresh. */
record WebhookChange(
        @Size(max = 2048) String url,

        @Schema(description = "Event types to receive, or [\"*\"] for all (see POST /api/v1/webhooks)")
        @Size(min = 1, max = 20)
        List<@NotBlank String> events,

        Boolean enabled) {}

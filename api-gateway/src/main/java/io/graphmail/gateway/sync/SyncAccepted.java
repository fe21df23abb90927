package io.graphmail.gateway.sync;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;

/**
 * The answer to a sync request.
 *
 * @param status the same as {@code statusUrl}, under the name it had before; it goes in the next release
 */
@Schema(description = "A sync request accepted: follow statusUrl for each folder's progress")
record SyncAccepted(
        UUID runId,
        String accountId,
        List<String> folders,
        @Schema(allowableValues = {"incremental", "full"}) String mode,

        @Schema(description = "Where each folder's sync state is read (GET)")
        String statusUrl,

        @Deprecated @Schema(deprecated = true, description = "Old name of statusUrl; removed in the next release")
        String status) {

    SyncAccepted(UUID runId, String accountId, List<String> folders, String mode, String statusUrl) {
        this(runId, accountId, folders, mode, statusUrl, statusUrl);
    }
}

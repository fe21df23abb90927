package io.graphmail.gateway.messages;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of messages; pass {@code nextCursor} as {@code cursor} for the next, until it is null. */
record MessagePage(
        List<MessageView> items,

        @Schema(description = "Opaque; null on the last page", nullable = true)
        String nextCursor) {}

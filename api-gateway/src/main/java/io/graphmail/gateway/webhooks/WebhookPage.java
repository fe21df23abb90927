package io.graphmail.gateway.webhooks;

import java.util.List;

/** One page of endpoints; pass {@code nextCursor} as {@code after} for the next, until it is null. */
record WebhookPage(List<WebhookView> items, String nextCursor) {}

package io.graphmail.gateway.webhooks;

import java.util.List;

/** One page of deliveries, newest first; pass {@code nextCursor} as {@code after} for the next, until it is null. */
record DeliveryPage(List<DeliveryView> items, String nextCursor) {}

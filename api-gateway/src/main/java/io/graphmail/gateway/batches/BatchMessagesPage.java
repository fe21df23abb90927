package io.graphmail.gateway.batches;

import io.graphmail.gateway.mail.MailView;
import java.util.List;

/** One page of a batch's messages; pass {@code nextCursor} as {@code after} for the next. */
record BatchMessagesPage(List<MailView> items, String nextCursor) {}

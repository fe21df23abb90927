package io.graphmail.gateway.accounts;

import java.util.List;

/** One page of accounts; pass {@code nextCursor} as {@code after} for the next, until it is null. */
record AccountPage(List<AccountView> items, String nextCursor) {}

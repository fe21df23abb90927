package io.graphmail.simulator.delta;

import java.util.List;

/**
 * One page of a delta round.
 *
 * @param items the page's entries
 * @param options the round's query options, which shape how the entries are rendered
 * @param token the skip token of the next page, or, on the last page, the delta token of the next round
 * @param lastPage whether the round ends with this page
 * @param appliedPageSize the page size taken from {@code Prefer: odata.maxpagesize}, or null when none was preferred
 */
record DeltaPage(
        List<DeltaItem> items, DeltaOptions options, String token, boolean lastPage, Integer appliedPageSize) {}

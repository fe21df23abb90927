package io.graphmail.gateway.paging;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * One page of a list; pass {@code nextCursor} back (as the list's {@code after} or {@code cursor}) for the next page,
 * until it is null.
 */
public record Page<T>(
        List<T> items,

        @Schema(description = "Opaque; null on the last page", nullable = true)
        String nextCursor) {

    /**
     * Reads one item more than {@code limit} to learn whether another page follows: only then does the page get a
     * {@code nextCursor}, the cursor of its last item. A page that holds the last item has none.
     *
     * @param read reads at most the given number of items, in list order, from where the page starts
     * @param cursorOf the cursor that continues after an item
     */
    public static <T> Page<T> read(int limit, IntFunction<List<T>> read, Function<? super T, String> cursorOf) {
        List<T> found = read.apply(limit + 1);
        if (found.size() <= limit) {
            return new Page<>(found, null);
        }
        List<T> page = found.subList(0, limit);
        return new Page<>(page, cursorOf.apply(page.get(limit - 1)));
    }

    /** The same page with each item shown as {@code view} shows it. */
    public <V> Page<V> map(Function<? super T, ? extends V> view) {
        return new Page<>(items.stream().<V>map(view).toList(), nextCursor);
    }
}

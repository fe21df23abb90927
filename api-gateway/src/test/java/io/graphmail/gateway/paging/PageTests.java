package io.graphmail.gateway.paging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PageTests {

    private final List<Integer> asked = new ArrayList<>();

    @Test
    void readsOneMoreThanThePageToLearnWhetherAnotherFollows() {
        Page<Integer> page = Page.read(3, this::numbers, String::valueOf);

        assertThat(asked).containsExactly(4);
        assertThat(page.items()).containsExactly(1, 2, 3);
        assertThat(page.nextCursor()).as("the cursor of the page's last item").isEqualTo("3");
    }

    @Test
    void aPageHoldingTheLastItemHasNoCursor() {
        assertThat(Page.read(5, limit -> numbers(5), String::valueOf))
                .isEqualTo(new Page<>(List.of(1, 2, 3, 4, 5), null));
        assertThat(Page.read(5, limit -> numbers(2), String::valueOf)).isEqualTo(new Page<>(List.of(1, 2), null));
        assertThat(Page.read(5, limit -> List.<Integer>of(), String::valueOf)).isEqualTo(new Page<>(List.of(), null));
    }

    @Test
    void showsItsItemsAndKeepsItsCursor() {
        Page<String> shown = Page.read(2, this::numbers, String::valueOf).map(n -> "#" + n);

        assertThat(shown).isEqualTo(new Page<>(List.of("#1", "#2"), "2"));
    }

    private List<Integer> numbers(int limit) {
        asked.add(limit);
        return IntStream.rangeClosed(1, limit).boxed().toList();
    }
}

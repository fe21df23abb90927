package io.graphmail.gateway.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Sort;

class MessageCursorTests {

    final MessageFilter filter = filter("ada@example.com");
    final PagePosition position = new PagePosition(Instant.parse("2025-03-01T10:15:30.123Z"), "AAMk|with|bars");

    @Test
    void decodesWhatItEncodes() {
        String cursor = MessageCursor.encode(filter, Sort.Direction.ASC, position);

        var decoded = MessageCursor.decode(cursor, filter("ada@example.com"));

        assertThat(cursor).matches("[A-Za-z0-9_-]+");
        assertThat(decoded.direction()).isEqualTo(Sort.Direction.ASC);
        assertThat(decoded.position()).isEqualTo(position);
    }

    @Test
    void refusesACursorIssuedForOtherFilters() {
        String cursor = MessageCursor.encode(filter, Sort.Direction.DESC, position);

        assertThatThrownBy(() -> MessageCursor.decode(cursor, filter("bob@example.com")))
                .isInstanceOf(MessageCursor.Invalid.class)
                .hasMessageContaining("other filters");
    }

    @Test
    void refusesACursorOfAnotherAccount() {
        String cursor = MessageCursor.encode(filter, Sort.Direction.DESC, position);
        var otherAccount = new MessageFilter(
                "other", "ada@example.com", null, null, null, null, null, null, null, null, null, false);

        assertThatThrownBy(() -> MessageCursor.decode(cursor, otherAccount)).isInstanceOf(MessageCursor.Invalid.class);
    }

    @Test
    void refusesGarbageAndTamperedCursors() {
        String tampered = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("1|x|12|%s|id".formatted(filter.fingerprint()).getBytes(StandardCharsets.UTF_8));

        for (String cursor : new String[] {"not base64 !", "bm9wZQ", tampered}) {
            assertThatThrownBy(() -> MessageCursor.decode(cursor, filter))
                    .as(cursor)
                    .isInstanceOf(MessageCursor.Invalid.class)
                    .hasMessageContaining("not a cursor");
        }
    }

    private static MessageFilter filter(String from) {
        return new MessageFilter("acc-1", from, null, null, null, null, null, null, null, null, null, false);
    }
}

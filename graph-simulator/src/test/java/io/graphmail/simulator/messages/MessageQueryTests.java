package io.graphmail.simulator.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.graphmail.simulator.mailbox.Message;
import io.graphmail.simulator.web.GraphErrorException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageQueryTests {

    static final Instant NOON = Instant.parse("2024-05-01T12:00:00Z");

    @Test
    void defaultsToTenNewestFirst() {
        var query = MessageQuery.parse(Map.of());

        assertThat(query.top()).isEqualTo(10);
        assertThat(query.skip()).isZero();
        assertThat(query.ascending()).isFalse();
        assertThat(query.select()).isEmpty();
    }

    @Test
    void alwaysSelectsTheId() {
        assertThat(MessageQuery.parse(Map.of("$select", "subject, from")).select())
                .containsExactly("id", "subject", "from");
    }

    @Test
    void rejectsPageSizesOutsideGraphsLimits() {
        assertThatExceptionOfType(GraphErrorException.class)
                .isThrownBy(() -> MessageQuery.parse(Map.of("$top", "1001")));
        assertThatExceptionOfType(GraphErrorException.class)
                .isThrownBy(() -> MessageQuery.parse(Map.of("$top", "zero")));
        assertThat(MessageQuery.parse(Map.of("$top", "1000")).top()).isEqualTo(1000);
    }

    @Test
    void rejectsOrderingByOtherProperties() {
        assertThatExceptionOfType(GraphErrorException.class)
                .isThrownBy(() -> MessageQuery.parse(Map.of("$orderby", "subject")));
        assertThat(MessageQuery.parse(Map.of("$orderby", "receivedDateTime")).ascending())
                .isTrue();
    }

    @Test
    void filtersOnReceivedDateTimeBounds() {
        var query = MessageQuery.parse(Map.of(
                "$filter", "receivedDateTime ge 2024-05-01T11:00:00Z and receivedDateTime lt 2024-05-01T13:00:00Z"));

        var kept = query.apply(
                List.of(received(NOON.minusSeconds(7200)), received(NOON), received(NOON.plusSeconds(3600))));

        assertThat(kept).extracting(Message::receivedDateTime).containsExactly(NOON);
    }

    @Test
    void acceptsDatesAndOffsetsInFilters() {
        var sinceMay = ReceivedDateFilter.parse("receivedDateTime gt 2024-05-01");
        var beforeNoonUtc = ReceivedDateFilter.parse("receivedDateTime le 2024-05-01T14:00:00+02:00");

        assertThat(sinceMay.test(received(NOON))).isTrue();
        assertThat(beforeNoonUtc.test(received(NOON))).isTrue();
        assertThat(beforeNoonUtc.test(received(NOON.plusSeconds(1)))).isFalse();
    }

    @Test
    void rejectsOtherFilters() {
        assertThatExceptionOfType(GraphErrorException.class)
                .isThrownBy(() -> ReceivedDateFilter.parse("receivedDateTime ge yesterday"));
        assertThatExceptionOfType(GraphErrorException.class)
                .isThrownBy(() -> ReceivedDateFilter.parse("receivedDateTime ge 2024-05-01 or isRead eq false"));
    }

    private static Message received(Instant at) {
        return new Message(
                null, null, null, null, null, at, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null);
    }
}

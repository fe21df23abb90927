package io.graphmail.worker.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.kiota.RequestHeaders;
import org.junit.jupiter.api.Test;

class GraphMailboxReaderTests {

    @Test
    void asksForThePageSizeAndImmutableIdsInOnePreferHeader() {
        var headers = new RequestHeaders();

        GraphMailboxReader.prefer(headers, 50);

        assertThat(headers.keySet()).containsExactly("prefer");
        assertThat(headers.get("Prefer")).containsExactly("odata.maxpagesize=50, IdType=\"ImmutableId\"");
    }
}

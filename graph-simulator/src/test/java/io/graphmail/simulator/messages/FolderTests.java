package io.graphmail.simulator.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graphmail.simulator.mailbox.Folder;
import io.graphmail.simulator.web.GraphErrorException;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class FolderTests {

    @Test
    void idsAreOpaqueDistinctAndNotTheWellKnownNames() {
        assertThat(Arrays.stream(Folder.values()).map(Folder::id))
                .doesNotHaveDuplicates()
                .allMatch(id -> id.startsWith("AQMkAD") && id.matches("[A-Za-z0-9_-]{40,}"))
                .noneMatch(id -> Arrays.stream(Folder.values())
                        .anyMatch(folder -> folder.wellKnownName().equalsIgnoreCase(id)));
    }

    @Test
    void resolvesWellKnownNamesCaseInsensitivelyAndIdsExactly() {
        assertThat(Folder.named("SentItems")).isEqualTo(Folder.SENT_ITEMS);
        assertThat(Folder.named("deleteditems")).isEqualTo(Folder.DELETED_ITEMS);
        assertThat(Folder.named(Folder.INBOX.id())).isEqualTo(Folder.INBOX);
        assertThatThrownBy(() -> Folder.named(Folder.INBOX.id().toUpperCase(Locale.ROOT)))
                .isInstanceOf(GraphErrorException.class);
        assertThatThrownBy(() -> Folder.named("archive")).isInstanceOf(GraphErrorException.class);
    }
}

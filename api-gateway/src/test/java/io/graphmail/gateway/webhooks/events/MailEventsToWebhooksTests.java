package io.graphmail.gateway.webhooks.events;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.graphmail.gateway.mail.MailFinished;
import io.graphmail.gateway.mail.MailRecords;
import io.graphmail.gateway.mail.MailStatus;
import io.graphmail.gateway.webhooks.delivery.EmittingEvents;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MailEventsToWebhooksTests {

    private final MailRecords records = mock(MailRecords.class);
    private final EmittingEvents emitting = mock(EmittingEvents.class);
    private final MailEventsToWebhooks toWebhooks = new MailEventsToWebhooks(records, emitting);

    @Test
    void readsNoRecordForAResultWhoseClientNobodyListensTo() {
        when(emitting.audience("shop", null)).thenReturn(List.of());

        toWebhooks.on(new MailFinished(UUID.randomUUID(), MailStatus.SENT, null, Instant.now(), "shop"));

        verify(records, never()).find(any());
        verify(emitting, never()).emit(any(), any());
    }

    @Test
    void readsTheRecordWhenTheResultDoesNotNameItsClient() {
        UUID id = UUID.randomUUID();
        when(records.find(id)).thenReturn(Optional.empty());

        toWebhooks.on(new MailFinished(id, MailStatus.DEAD_LETTERED, "x", Instant.now()));

        verify(records).find(id);
    }
}

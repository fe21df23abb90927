package io.graphmail.gateway.webhooks.events;

import io.graphmail.gateway.batches.CompletedBatch;
import io.graphmail.gateway.webhooks.delivery.EmittingEvents;
import io.graphmail.gateway.webhooks.delivery.WebhookEvent;
import io.graphmail.gateway.webhooks.endpoints.Webhook;
import java.util.LinkedHashMap;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@code batch.completed} for the batch's client, with its final counts, when the batch lifecycle makes it COMPLETED
 * (once per batch; the event's id derives from the batch, so a repeated signal is one event all the same).
 */
@Component
class BatchCompletion {

    private final EmittingEvents emitting;

    BatchCompletion(EmittingEvents emitting) {
        this.emitting = emitting;
    }

    @EventListener
    void on(CompletedBatch completed) {
        if (completed.client() == null) {
            return;
        }
        List<Webhook> audience = emitting.audience(completed.client(), null);
        if (audience.stream().noneMatch(webhook -> webhook.wants(WebhookEvents.BATCH_COMPLETED))) {
            return;
        }
        var data = new LinkedHashMap<String, Object>();
        data.put("batchId", completed.batchId());
        data.put("accountId", completed.accountId());
        data.put("total", completed.total());
        data.put("counts", completed.counts());
        emitting.emit(
                WebhookEvent.of(WebhookEvents.BATCH_COMPLETED, completed.batchId(), completed.at(), data), audience);
    }
}

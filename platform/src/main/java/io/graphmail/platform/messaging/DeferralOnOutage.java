package io.graphmail.platform.messaging;

import io.graphmail.platform.mongodb.MongoUnavailable;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;

/**
 * Advice around a listener container's listener call: a message its listener could not handle because MongoDB was out
 * of reach is {@linkplain Deferrals deferred} to its queue and acknowledged, instead of being requeued at once. A
 * requeue counts against the queue's delivery limit, so a few minutes of outage would dead-letter accepted work; a
 * deferral does not. Any other failure goes on to the container as before: poison is still rejected (to the queue's
 * dead letters) or spends the delivery limit.
 *
 * <p>A request that waits for a reply is not deferred: its requester stops waiting long before a deferred copy would
 * be answered. Its listener answers it instead.
 *
 * <p>{@code graphmail_messaging_deferred_total{queue}} counts deferrals.
 */
final class DeferralOnOutage implements MethodInterceptor {

    private static final Logger log = LoggerFactory.getLogger(DeferralOnOutage.class);

    private final Deferrals deferrals;
    private final MeterRegistry meterRegistry;

    DeferralOnOutage(Deferrals deferrals, MeterRegistry meterRegistry) {
        this.deferrals = deferrals;
        this.meterRegistry = meterRegistry;
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        try {
            return invocation.proceed();
        } catch (Throwable failure) {
            Object[] arguments = invocation.getArguments();
            if (arguments.length > 1 && arguments[1] instanceof Message message && deferrable(message, failure)) {
                defer(message, failure);
                return null;
            }
            throw failure;
        }
    }

    private static boolean deferrable(Message message, Throwable failure) {
        var properties = message.getMessageProperties();
        return MongoUnavailable.causedBy(failure)
                && properties.getConsumerQueue() != null
                && properties.getReplyTo() == null;
    }

    /* If the deferral cannot be published either, the original failure reaches the container: a requeue. */
    private void defer(Message message, Throwable failure) throws Throwable {
        String queue = message.getMessageProperties().getConsumerQueue();
        Duration delay;
        try {
            delay = deferrals.defer(message, queue);
        } catch (RuntimeException notDeferred) {
            failure.addSuppressed(notDeferred);
            throw failure;
        }
        meterRegistry.counter("graphmail.messaging.deferred", "queue", queue).increment();
        log.warn(
                "MongoDB unavailable; message {} from {} deferred for {} (deferral {})",
                message.getMessageProperties().getMessageId(),
                queue,
                delay,
                Deferrals.deferrals(message) + 1);
    }
}

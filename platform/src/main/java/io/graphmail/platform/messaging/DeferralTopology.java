package io.graphmail.platform.messaging;

import static io.graphmail.contract.MailTopology.DEFER_EXCHANGE;
import static io.graphmail.contract.MailTopology.DEFER_TIER_HEADER;

import java.util.ArrayList;
import java.util.List;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.HeadersExchange;
import org.springframework.amqp.core.Queue;

/**
 * The exchange and delay queues of {@link Deferrals}: each tier's queue is bound to the headers exchange by its
 * {@link io.graphmail.contract.MailTopology#DEFER_TIER_HEADER} value.
 */
final class DeferralTopology {

    private DeferralTopology() {}

    static List<Declarable> declarables() {
        var defer = new HeadersExchange(DEFER_EXCHANGE);
        var declarables = new ArrayList<Declarable>();
        declarables.add(defer);
        for (RetryTier tier : Deferrals.TIERS) {
            declarables.addAll(deferralQueue(tier, defer));
        }
        return declarables;
    }

    /*
     * With no dead-letter routing key of its own, the queue dead-letters a message with the routing key it was
     * published with: the name of the queue it was deferred from, which the default exchange delivers it to.
     */
    private static List<Declarable> deferralQueue(RetryTier tier, HeadersExchange defer) {
        Queue delay = MailTopologyDeclarations.atLeastOnceDeadLettering(tier.deferralQueue())
                .ttl((int) tier.delay().toMillis())
                .deadLetterExchange("")
                .build();
        return List.of(
                delay,
                BindingBuilder.bind(delay).to(defer).where(DEFER_TIER_HEADER).matches(tier.label()));
    }
}

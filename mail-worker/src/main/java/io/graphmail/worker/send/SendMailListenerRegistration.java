package io.graphmail.worker.send;

import static io.graphmail.contract.MailTopology.SEND_QUEUE;
import static io.graphmail.contract.MailTopology.TRANSACTIONAL_SEND_QUEUE;

import org.springframework.amqp.rabbit.annotation.RabbitListenerConfigurer;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerEndpoint;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.MessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistrar;
import org.springframework.context.annotation.Configuration;

/**
 * Subscribes {@link SendMailListener} to both send queues as a plain listener, with no payload conversion. The
 * transactional queue has consumers of its own, with a small prefetch: a transactional command is never held up
 * behind a batch's messages, neither in a queue nor in a consumer's buffer.
 */
@Configuration(proxyBeanMethods = false)
class SendMailListenerRegistration implements RabbitListenerConfigurer {

    private final SendMailListener listener;
    private final SendListenerProperties properties;

    SendMailListenerRegistration(SendMailListener listener, SendListenerProperties properties) {
        this.listener = listener;
        this.properties = properties;
    }

    @Override
    public void configureRabbitListeners(RabbitListenerEndpointRegistrar registrar) {
        var bulk = new SimpleRabbitListenerEndpoint();
        bulk.setId("send-mail");
        bulk.setQueueNames(SEND_QUEUE);
        bulk.setConcurrency(Integer.toString(properties.concurrency()));
        bulk.setMessageListener(listener);
        registrar.registerEndpoint(bulk);

        var transactional = new PrefetchingEndpoint(properties.transactionalPrefetch());
        transactional.setId("send-mail-transactional");
        transactional.setQueueNames(TRANSACTIONAL_SEND_QUEUE);
        transactional.setConcurrency(Integer.toString(properties.transactionalConcurrency()));
        transactional.setMessageListener(listener);
        registrar.registerEndpoint(transactional);
    }

    /* The container factory's prefetch (spring.rabbitmq.listener.simple.prefetch) is for every other queue. */
    private static final class PrefetchingEndpoint extends SimpleRabbitListenerEndpoint {

        private final int prefetch;

        PrefetchingEndpoint(int prefetch) {
            this.prefetch = prefetch;
        }

        @Override
        public void setupListenerContainer(MessageListenerContainer container) {
            super.setupListenerContainer(container);
            if (container instanceof AbstractMessageListenerContainer configurable) {
                configurable.setPrefetchCount(prefetch);
            }
        }
    }
}

package io.graphmail.worker.send;

import static io.graphmail.contract.MailTopology.SEND_QUEUE;

import org.springframework.amqp.rabbit.annotation.RabbitListenerConfigurer;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerEndpoint;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistrar;
import org.springframework.context.annotation.Configuration;

/** Subscribes {@link SendMailListener} to the send queue as a plain listener, with no payload conversion. */
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
        var endpoint = new SimpleRabbitListenerEndpoint();
        endpoint.setId("send-mail");
        endpoint.setQueueNames(SEND_QUEUE);
        endpoint.setConcurrency(Integer.toString(properties.concurrency()));
        endpoint.setMessageListener(listener);
        registrar.registerEndpoint(endpoint);
    }
}

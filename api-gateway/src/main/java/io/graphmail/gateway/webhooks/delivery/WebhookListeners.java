package io.graphmail.gateway.webhooks.delivery;

import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The deliveries listener takes one message at a time per consumer: a consumer waiting on a slow endpoint must not
 * hold prefetched deliveries for other endpoints behind it.
 */
@Configuration(proxyBeanMethods = false)
class WebhookListeners {

    static final String FACTORY = "webhookListenerContainerFactory";

    @Bean(FACTORY)
    SimpleRabbitListenerContainerFactory webhookListenerContainerFactory(
            SimpleRabbitListenerContainerFactoryConfigurer configurer, ConnectionFactory connectionFactory) {
        var factory = new SimpleRabbitListenerContainerFactory();
        configurer.configure(factory, connectionFactory);
        factory.setPrefetchCount(1);
        return factory;
    }
}

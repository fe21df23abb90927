package io.graphmail.platform.messaging;

import io.graphmail.contract.send.MailFailed;
import io.graphmail.contract.send.MailSent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.Map;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.support.converter.DefaultJacksonJavaTypeMapper;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateConfigurer;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * What both services share on the broker: topology, JSON conversion, confirmed publishing and the correlation id
 * that travels with every message.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingConfiguration {

    /*
     * A queue that exists with other arguments (declared by an older version) cannot be
     * redeclared; one such queue must not keep the rest of the topology from being declared.
     * RabbitAdmin logs each refused declaration.
     */
    @Bean
    RabbitAdmin rabbitAdmin(ConnectionFactory connectionFactory) {
        var admin = new RabbitAdmin(connectionFactory);
        admin.setIgnoreDeclarationExceptions(true);
        return admin;
    }

    @Bean
    Declarables mailTopology() {
        return MailTopologyDeclarations.all();
    }

    /**
     * Trusts only our contract packages when a message names its type in {@code __TypeId__}; a new
     * contract package must be added here.
     *
     * <p>The results every message produces name types resolved once, here, rather than checked against the trusted
     * packages and loaded by name on every receipt; their type ids stay their class names, and every other type id is
     * checked as before.
     */
    @Bean
    MessageConverter messageConverter(JsonMapper jsonMapper) {
        var converter = new JacksonJsonMessageConverter(
                jsonMapper,
                "io.graphmail.contract",
                "io.graphmail.contract.send",
                "io.graphmail.contract.accounts",
                "io.graphmail.contract.batches",
                "io.graphmail.contract.sync");
        if (converter.getJavaTypeMapper() instanceof DefaultJacksonJavaTypeMapper types) {
            types.setIdClassMapping(
                    Map.of(MailSent.class.getName(), MailSent.class, MailFailed.class.getName(), MailFailed.class));
        }
        return converter;
    }

    /**
     * Publishes single messages with the application's template, chunks with a second one configured alike (Boot's
     * {@code spring.rabbitmq.template.*} and every {@link RabbitTemplateCustomizer}) but with observation off: a chunk
     * is observed once, and so is a message published within the observation that covers it. That template is no bean, so that Boot's own template does not back off.
     */
    @Bean
    ConfirmedPublisher confirmedPublisher(
            RabbitTemplate rabbitTemplate,
            RabbitTemplateConfigurer configurer,
            ConnectionFactory connectionFactory,
            ObjectProvider<RabbitTemplateCustomizer> customizers,
            ObjectProvider<ObservationRegistry> observations,
            ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator,
            MessagingProperties properties,
            MeterRegistry meterRegistry) {
        var bulk = new RabbitTemplate();
        configurer.configure(bulk, connectionFactory);
        customizers.orderedStream().forEach(customizer -> customizer.customize(bulk));
        bulk.setObservationEnabled(false);
        return new ConfirmedPublisher(
                rabbitTemplate,
                bulk,
                observations.getIfAvailable(() -> ObservationRegistry.NOOP),
                new CurrentTrace(
                        tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP)),
                properties.confirmTimeout(),
                meterRegistry);
    }

    @Bean
    Deferrals deferrals(ConfirmedPublisher publisher) {
        return new Deferrals(publisher);
    }

    /** Every message published carries the current correlation id. */
    @Bean
    RabbitTemplateCustomizer correlationIdOnPublish() {
        return template -> template.addBeforePublishPostProcessors(new CorrelationIdOnPublish());
    }

    /**
     * Every listener (annotated or registered as a plain {@code MessageListener}) handles a message with its
     * correlation id current, and what it could not handle while MongoDB was away is deferred rather than requeued.
     * These are the containers' only advice: listener retry ({@code spring.rabbitmq.listener.simple.retry}) is not
     * used.
     */
    @Bean
    ContainerCustomizer<SimpleMessageListenerContainer> listenerAdvice(
            MessagingProperties properties, Deferrals deferrals, MeterRegistry meterRegistry) {
        return container -> {
            container.setAdviceChain(new CorrelationIdOnReceive(), new DeferralOnOutage(deferrals, meterRegistry));
            container.setShutdownTimeout(properties.shutdownTimeout().toMillis());
        };
    }
}

package io.graphmail.messaging;

import java.time.Duration;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** What both services share on the broker: topology, JSON conversion and confirmed publishing. */
@Configuration(proxyBeanMethods = false)
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
     */
    @Bean
    MessageConverter messageConverter(JsonMapper jsonMapper) {
        return new JacksonJsonMessageConverter(
                jsonMapper,
                "io.graphmail.contract",
                "io.graphmail.contract.send",
                "io.graphmail.contract.accounts",
                "io.graphmail.contract.batches",
                "io.graphmail.contract.sync");
    }

    @Bean
    ConfirmedPublisher confirmedPublisher(
            RabbitTemplate rabbitTemplate,
            @Value("${graphmail.messaging.confirm-timeout:5s}") Duration confirmTimeout) {
        return new ConfirmedPublisher(rabbitTemplate, confirmTimeout);
    }
}

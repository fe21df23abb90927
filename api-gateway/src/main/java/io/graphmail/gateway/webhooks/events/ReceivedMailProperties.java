package io.graphmail.gateway.webhooks.events;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code message.received} event.
 *
 * @param includeSubject whether its data carries the message's subject (never the body); off for deployments where
 *     subjects must not leave graphmail
 */
@ConfigurationProperties("graphmail.webhooks.message-received")
record ReceivedMailProperties(@DefaultValue("true") boolean includeSubject) {}

package io.graphmail.gateway.messaging;

import io.graphmail.platform.messaging.MessagingConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

@Configuration(proxyBeanMethods = false)
@Import(MessagingConfiguration.class)
class GatewayMessaging {}

package io.graphmail.gateway.webhooks.targets;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where {@link Targets} learns a webhook host's addresses, at registration and on every delivery: the system's
 * resolver. Tests put their own in its place to make a name resolve to an internal address, or to another address
 * later (DNS rebinding), without touching the machine's resolver.
 */
@Configuration(proxyBeanMethods = false)
class HostResolution {

    @Bean
    DnsResolver webhookHostResolver() {
        return SystemDefaultDnsResolver.INSTANCE;
    }
}

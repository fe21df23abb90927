package io.graphmail.gateway;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * Two API clients with the same scopes, alice ({@code alice-key}) and bob ({@code bob-key}), whose webhook endpoints
 * may point at 127.0.0.1 over plain http. Test classes that carry it share one gateway.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TestPropertySource(
        properties = {
            "graphmail.security.clients.alice.keys=alice-key",
            "graphmail.security.clients.alice.scopes=mail:send,mail:read,accounts:read,accounts:manage,mailbox:read,"
                    + "webhooks:read,webhooks:write",
            "graphmail.security.clients.bob.keys=bob-key",
            "graphmail.security.clients.bob.scopes=mail:send,mail:read,accounts:read,accounts:manage,mailbox:read,"
                    + "webhooks:read,webhooks:write",
            "graphmail.webhooks.allowed-hosts=127.0.0.1",
            "graphmail.webhooks.allow-http=true"
        })
public @interface AliceAndBob {}

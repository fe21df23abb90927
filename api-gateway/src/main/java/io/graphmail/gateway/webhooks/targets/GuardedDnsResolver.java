package io.graphmail.gateway.webhooks.targets;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;

/**
 * Resolves a webhook's host once per connection and hands the client only addresses {@link Targets} allows: the
 * connection goes to the address that was checked, whatever the name resolves to a moment later.
 */
public final class GuardedDnsResolver implements DnsResolver {

    private final Targets targets;

    public GuardedDnsResolver(Targets targets) {
        this.targets = targets;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        try {
            return targets.resolve(host);
        } catch (Targets.TargetRefused refused) {
            throw new UnknownHostException("refused: " + refused.getMessage());
        }
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }
}

package io.graphmail.gateway.webhooks.targets;

import io.graphmail.gateway.webhooks.endpoints.WebhookProperties;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hc.client5.http.DnsResolver;
import org.springframework.stereotype.Component;

/**
 * Keeps webhooks away from graphmail's own network (SSRF): only {@code https} (plain {@code http} where the operator
 * allows it), and only hosts whose every address is public. The same check runs at registration and, through
 * {@link GuardedDnsResolver}, on every delivery, connecting to the very addresses it checked, so that a name that
 * later resolves elsewhere (DNS rebinding) gets nowhere. Hosts on the operator's allow-list skip the address check.
 * Names are resolved by {@link HostResolution}'s resolver.
 */
@Component
public class Targets {

    private final WebhookProperties properties;
    private final DnsResolver names;

    Targets(WebhookProperties properties, DnsResolver names) {
        this.properties = properties;
        this.names = names;
    }

    /** @throws TargetRefused naming why */
    public void requireAllowed(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && properties.allowHttp())) {
            throw new TargetRefused(properties.allowHttp() ? "the URL must be http or https" : "the URL must be https");
        }
        if (url.getHost() == null || url.getRawUserInfo() != null || url.getRawFragment() != null) {
            throw new TargetRefused("the URL must name a host, without user information or fragment");
        }
        resolve(url.getHost());
    }

    /** The host's addresses, each allowed. @throws TargetRefused if any is internal or the name does not resolve */
    InetAddress[] resolve(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = names.resolve(bare);
        } catch (UnknownHostException e) {
            throw new TargetRefused("the host " + bare + " does not resolve");
        }
        if (!allowListed(bare)) {
            for (InetAddress address : addresses) {
                if (internal(address)) {
                    throw new TargetRefused("the host " + bare + " resolves to an internal address");
                }
            }
        }
        return addresses;
    }

    private boolean allowListed(String host) {
        List<String> allowed = properties.allowedHosts();
        return allowed.stream().anyMatch(entry -> entry.equalsIgnoreCase(host));
    }

    static boolean internal(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        if (bytes.length == 4) {
            // 0/8, 100.64/10 (carrier-grade NAT), 192.0.0/24, 198.18/15 (benchmarking), 240/4 and broadcast
            return first == 0
                    || (first == 100 && second >= 64 && second < 128)
                    || (first == 192 && second == 0 && (bytes[2] & 0xff) == 0)
                    || (first == 198 && (second == 18 || second == 19))
                    || first >= 240;
        }
        // fc00::/7 unique local; IPv4-mapped and -compatible addresses are judged by their IPv4 part
        if ((first & 0xfe) == 0xfc) {
            return true;
        }
        return mappedIpv4(bytes);
    }

    private static boolean mappedIpv4(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        boolean mapped = (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
        boolean compatible = bytes[10] == 0 && bytes[11] == 0;
        if (!mapped && !compatible) {
            return false;
        }
        try {
            byte[] v4 = Arrays.copyOfRange(bytes, 12, 16);
            return internal(InetAddress.getByAddress(v4));
        } catch (UnknownHostException e) {
            return true;
        }
    }

    /** A webhook URL graphmail will not call. */
    public static class TargetRefused extends RuntimeException {
        TargetRefused(String reason) {
            super(reason);
        }
    }
}

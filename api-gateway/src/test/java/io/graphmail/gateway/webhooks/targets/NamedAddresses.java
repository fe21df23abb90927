package io.graphmail.gateway.webhooks.targets;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * A resolver that answers the names a test gave it with the addresses it gave, and asks the system for any other name.
 * A name can be pointed elsewhere at any time, or answer once and then something else (DNS rebinding). No entry in
 * /etc/hosts, no DNS server.
 */
public final class NamedAddresses implements DnsResolver {

    private final Map<String, Deque<InetAddress[]>> names = new ConcurrentHashMap<>();

    /** From now on {@code name} resolves to {@code addresses} (IP literals). */
    public NamedAddresses point(String name, String... addresses) {
        var answers = new ArrayDeque<InetAddress[]>();
        answers.add(addresses(name, addresses));
        names.put(name.toLowerCase(Locale.ROOT), answers);
        return this;
    }

    /** {@code name} resolves to {@code first} once, to {@code then} ever after. */
    public NamedAddresses pointOnceThen(String name, String first, String then) {
        var answers = new ArrayDeque<InetAddress[]>();
        answers.add(addresses(name, first));
        answers.add(addresses(name, then));
        names.put(name.toLowerCase(Locale.ROOT), answers);
        return this;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        Deque<InetAddress[]> answers = names.get(host.toLowerCase(Locale.ROOT));
        if (answers == null) {
            return SystemDefaultDnsResolver.INSTANCE.resolve(host);
        }
        synchronized (answers) {
            return (answers.size() > 1 ? answers.poll() : answers.peek()).clone();
        }
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }

    private static InetAddress[] addresses(String name, String... literals) {
        var resolved = new InetAddress[literals.length];
        for (int i = 0; i < literals.length; i++) {
            try {
                resolved[i] = InetAddress.getByAddress(
                        name, InetAddress.getByName(literals[i].strip()).getAddress());
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(literals[i] + " is not an IP address", e);
            }
        }
        return resolved;
    }
}

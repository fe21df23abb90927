package io.graphmail.simulator.mailbox;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Recipients Exchange cannot deliver to, as address patterns ({@code *@bounce.invalid}, {@code ann@example.com}):
 * {@code notFound} bounces hard (5.1.1, no such mailbox), {@code mailboxFull} soft (5.2.2, the mailbox is over its
 * quota).
 */
public record Undeliverable(List<String> notFound, List<String> mailboxFull) {

    public static final Undeliverable NONE = new Undeliverable(List.of(), List.of());

    public Undeliverable {
        notFound = List.copyOf(notFound);
        mailboxFull = List.copyOf(mailboxFull);
    }

    Optional<NonDelivery> reasonFor(String address) {
        if (address == null) {
            return Optional.empty();
        }
        if (matchesAny(notFound, address)) {
            return Optional.of(NonDelivery.RECIPIENT_NOT_FOUND);
        }
        return matchesAny(mailboxFull, address) ? Optional.of(NonDelivery.MAILBOX_FULL) : Optional.empty();
    }

    private static boolean matchesAny(List<String> patterns, String address) {
        String candidate = address.strip().toLowerCase(Locale.ROOT);
        return patterns.stream().anyMatch(pattern -> matches(pattern.strip().toLowerCase(Locale.ROOT), candidate));
    }

    /** {@code *@domain} any mailbox of the domain, else the address itself. */
    private static boolean matches(String pattern, String address) {
        return pattern.startsWith("*@") ? address.endsWith(pattern.substring(1)) : address.equals(pattern);
    }
}

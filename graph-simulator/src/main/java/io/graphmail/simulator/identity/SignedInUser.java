package io.graphmail.simulator.identity;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * The user behind a delegated token: a mailbox with stable, derived ids.
 *
 * @param mailbox the mailbox address, lower case ({@code preferred_username})
 * @param name the display name
 * @param objectId the user's object id ({@code oid}, and {@code uid} in {@code client_info})
 * @param tenantId the user's home tenant ({@code tid}, and {@code utid} in {@code client_info})
 */
public record SignedInUser(String mailbox, String name, String objectId, String tenantId) {

    public static SignedInUser of(String mailbox, String name, String tenant) {
        String address = mailbox.trim().toLowerCase(Locale.ROOT);
        String displayName = name == null || name.isBlank() ? address.substring(0, localPartEnd(address)) : name;
        String objectId = UUID.nameUUIDFromBytes(("user:" + address).getBytes(StandardCharsets.UTF_8))
                .toString();
        return new SignedInUser(address, displayName, objectId, TenantIds.forUser(tenant, address));
    }

    private static int localPartEnd(String address) {
        int at = address.indexOf('@');
        return at < 0 ? address.length() : at;
    }
}

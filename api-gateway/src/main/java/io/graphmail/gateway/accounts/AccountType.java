package io.graphmail.gateway.accounts;

/** How graphmail gets tokens for an account. */
enum AccountType {
    /** A person's mailbox, consented through the device code flow; Graph's {@code /me}. */
    DELEGATED,
    /** A Microsoft 365 mailbox with app-only access (client credentials); Graph's {@code /users/{mailbox}}. */
    APPLICATION;

    /** A personal Microsoft account (Outlook.com): delegated, signed in at the {@code consumers} tenant. */
    static boolean isPersonal(AccountType type, String tenant) {
        return type == DELEGATED && "consumers".equalsIgnoreCase(tenant);
    }
}

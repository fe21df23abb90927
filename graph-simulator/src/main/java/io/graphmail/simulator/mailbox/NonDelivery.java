package io.graphmail.simulator.mailbox;

/**
 * Why Exchange did not deliver a message it accepted, with the status code and diagnostic text its non-delivery
 * reports carry.
 */
enum NonDelivery {
    TOO_MANY_RECIPIENTS(
            "550 5.5.3 RESOLVER.ADR.RecipLimit; too many recipients",
            "This message wasn't delivered to anyone because there are too many recipients."),
    DAILY_RECIPIENT_LIMIT(
            "550 5.1.90 RESOLVER.RST.SendLimitExceeded; daily recipient limit reached",
            "Your message can't be sent because you've reached your daily limit for message recipients."),
    MESSAGE_TOO_LARGE(
            "550 5.2.3 RESOLVER.RST.SendSizeLimit.Sender; message too large",
            "Your message is too big to send. It's larger than the size limit of your mailbox."),
    /** One recipient's mailbox does not exist: a hard bounce. */
    RECIPIENT_NOT_FOUND(
            "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found",
            "Your message couldn't be delivered. The email address wasn't found at the destination domain."),
    /** One recipient's mailbox is over its quota: a soft bounce, a later message may get through. */
    MAILBOX_FULL(
            "552 5.2.2 STOREDRV.Deliver; mailbox full",
            "Your message couldn't be delivered because the recipient's mailbox is full.");

    private final String diagnostic;
    private final String explanation;

    NonDelivery(String diagnostic, String explanation) {
        this.diagnostic = diagnostic;
        this.explanation = explanation;
    }

    String diagnostic() {
        return diagnostic;
    }

    String explanation() {
        return explanation;
    }
}

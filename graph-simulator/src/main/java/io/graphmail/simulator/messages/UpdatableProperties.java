package io.graphmail.simulator.messages;

import io.graphmail.simulator.mailbox.Message;
import io.graphmail.simulator.web.GraphErrorException;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/** The message properties Graph's {@code PATCH /messages/{id}} may change: some on any message, some on drafts only. */
final class UpdatableProperties {

    private static final Set<String> ANY_MESSAGE = Set.of(
            "bccrecipients",
            "categories",
            "ccrecipients",
            "flag",
            "from",
            "importance",
            "inferenceclassification",
            "isdeliveryreceiptrequested",
            "isread",
            "isreadreceiptrequested",
            "multivalueextendedproperties",
            "sender",
            "singlevalueextendedproperties",
            "torecipients");
    private static final Set<String> DRAFTS_ONLY = Set.of("body", "internetmessageid", "replyto", "subject");

    private UpdatableProperties() {}

    /** Refuses a patch that changes what Graph does not let a client change on {@code current}. */
    static void check(Message current, ObjectNode patch) {
        for (String name : patch.propertyNames()) {
            String property = name.toLowerCase(Locale.ROOT);
            boolean allowed = property.startsWith("@odata.")
                    || ANY_MESSAGE.contains(property)
                    || (DRAFTS_ONLY.contains(property) && current.draft());
            if (!allowed) {
                throw GraphErrorException.badRequest(
                        "ErrorInvalidPropertyUpdate",
                        "The property '" + name + "' cannot be updated on this message"
                                + (DRAFTS_ONLY.contains(property) ? " because it is not a draft." : "."));
            }
        }
    }
}

package io.graphmail.simulator.delta;

import io.graphmail.simulator.mailbox.Message;
import io.graphmail.simulator.messages.MessageQuery;
import io.graphmail.simulator.messages.ReceivedDateFilter;
import io.graphmail.simulator.web.GraphErrorException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The query options of a delta round. Given on the first request only: the tokens carry them on, as Graph's do.
 *
 * @param select {@code $select}, as given
 * @param filter {@code $filter}, as given: {@code receivedDateTime} compared with {@code ge} or {@code gt}
 * @param top {@code $top}: the page size when a request prefers none
 * @param changeType {@code created}, {@code updated} or {@code deleted}: later rounds report only that kind
 * @param expandAttachments whether {@code $expand=attachments} was asked for
 */
record DeltaOptions(String select, String filter, Integer top, String changeType, boolean expandAttachments) {

    private static final Set<String> CHANGE_TYPES = Set.of("created", "updated", "deleted");
    private static final Pattern UPPER_BOUND =
            Pattern.compile("receivedDateTime\\s+(le|lt)\\s", Pattern.CASE_INSENSITIVE);

    static DeltaOptions parse(Map<String, String> params) {
        String filter = params.get("$filter");
        ReceivedDateFilter.parse(filter);
        if (filter != null && UPPER_BOUND.matcher(filter).find()) {
            throw GraphErrorException.badRequest(
                    "ErrorInvalidUrlQueryFilter", "Delta queries filter on receivedDateTime with 'ge' or 'gt' only.");
        }
        if (params.containsKey("$search")) {
            throw invalid("$search is not supported on delta queries.");
        }
        String orderBy = params.get("$orderby");
        if (orderBy != null && !orderBy.strip().matches("(?i)receivedDateTime\\s+desc")) {
            throw invalid("Only $orderby=receivedDateTime desc is supported on delta queries.");
        }
        String changeType = params.get("changeType");
        if (changeType != null && !CHANGE_TYPES.contains(changeType.toLowerCase(Locale.ROOT))) {
            throw invalid("changeType must be created, updated or deleted.");
        }
        return new DeltaOptions(
                params.get("$select"),
                filter,
                top(params.get("$top")),
                changeType == null ? null : changeType.toLowerCase(Locale.ROOT),
                String.valueOf(params.get("$expand")).toLowerCase(Locale.ROOT).contains("attachments"));
    }

    Set<String> selected() {
        return MessageQuery.select(select);
    }

    Predicate<Message> matching() {
        return ReceivedDateFilter.parse(filter);
    }

    /** Whether a later round reports a change of this kind. */
    boolean reports(String kind) {
        return changeType == null || changeType.equals(kind);
    }

    private static Integer top(String value) {
        if (value == null) {
            return null;
        }
        try {
            int top = Integer.parseInt(value.strip());
            if (top >= 1 && top <= MessageQuery.MAX_TOP) {
                return top;
            }
        } catch (NumberFormatException notANumber) {
            // answered below, as an out-of-range value is
        }
        throw invalid("$top must be between 1 and " + MessageQuery.MAX_TOP + ".");
    }

    private static GraphErrorException invalid(String message) {
        return GraphErrorException.badRequest("ErrorInvalidUrlQuery", message);
    }
}

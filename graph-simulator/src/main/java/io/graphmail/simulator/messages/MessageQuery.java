package io.graphmail.simulator.messages;

import io.graphmail.simulator.mailbox.Message;
import io.graphmail.simulator.web.GraphErrorException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The OData query options of a message listing: $top, $skip, $select, $filter, $orderby and $expand.
 *
 * @param expandedProperties the extended properties {@code $expand} asks for, or null when it asks for none
 */
public record MessageQuery(
        int top,
        int skip,
        Set<String> select,
        Predicate<Message> filter,
        boolean ascending,
        boolean withAttachments,
        Predicate<Message.ExtendedProperty> expandedProperties) {

    static final int DEFAULT_TOP = 10;
    public static final int MAX_TOP = 1000;

    static MessageQuery parse(Map<String, String> params) {
        int top = number(params, "$top", DEFAULT_TOP);
        if (top < 1 || top > MAX_TOP) {
            throw invalid("$top must be between 1 and " + MAX_TOP + ".");
        }
        Expansion expand = Expansion.parse(params.get("$expand"));
        return new MessageQuery(
                top,
                number(params, "$skip", 0),
                select(params.get("$select")),
                filter(params.get("$filter")),
                ascending(params.get("$orderby")),
                expand.attachments(),
                expand.properties());
    }

    /** The matching messages in order, before paging; messages received in the same instant keep filing order. */
    List<Message> apply(List<Message> messages) {
        var matching = new ArrayList<>(messages.stream().filter(filter).toList());
        Comparator<Message> byReceived = Comparator.comparing(Message::receivedDateTime);
        if (!ascending) {
            Collections.reverse(matching);
        }
        matching.sort(ascending ? byReceived : byReceived.reversed());
        return matching;
    }

    private static Predicate<Message> filter(String filter) {
        if (filter != null && ExtendedPropertyFilter.isAbout(filter)) {
            return ExtendedPropertyFilter.parse(filter);
        }
        if (filter != null && filter.strip().regionMatches(true, 0, "internetMessageHeaders", 0, 22)) {
            throw GraphErrorException.badRequest(
                    "ErrorInvalidUrlQueryFilter",
                    "internetMessageHeaders cannot be filtered on; filter on a singleValueExtendedProperty instead.");
        }
        return ReceivedDateFilter.parse(filter);
    }

    private static int number(Map<String, String> params, String name, int fallback) {
        String value = params.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number < 0) {
                throw invalid(name + " must not be negative.");
            }
            return number;
        } catch (NumberFormatException e) {
            throw invalid("'" + value + "' is not a valid value for " + name + ".");
        }
    }

    /** The properties {@code $select} names, the id always among them; empty for all properties. */
    public static Set<String> select(String select) {
        if (select == null || select.isBlank()) {
            return Set.of();
        }
        var properties = new LinkedHashSet<String>();
        properties.add("id");
        Arrays.stream(select.split(","))
                .map(String::strip)
                .filter(p -> !p.isEmpty())
                .forEach(properties::add);
        return properties;
    }

    private static boolean ascending(String orderBy) {
        if (orderBy == null || orderBy.isBlank()) {
            return false;
        }
        String[] parts = orderBy.strip().split("\\s+");
        boolean byReceived = parts[0].equalsIgnoreCase("receivedDateTime");
        if (!byReceived || parts.length > 2 || (parts.length == 2 && !parts[1].matches("(?i)asc|desc"))) {
            throw invalid("Only $orderby=receivedDateTime asc|desc is supported.");
        }
        return parts.length == 1 || parts[1].equalsIgnoreCase("asc");
    }

    private static GraphErrorException invalid(String message) {
        return GraphErrorException.badRequest("ErrorInvalidUrlQuery", message);
    }
}

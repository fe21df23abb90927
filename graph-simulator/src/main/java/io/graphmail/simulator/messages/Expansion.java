package io.graphmail.simulator.messages;

import io.graphmail.simulator.mailbox.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * What a message listing's {@code $expand} asks for: {@code attachments} and {@code singleValueExtendedProperties},
 * the latter usually narrowed to one property with {@code ($filter=id eq '...')}. Other items are ignored.
 *
 * @param properties the extended properties to include, or null when none are asked for
 */
record Expansion(boolean attachments, Predicate<Message.ExtendedProperty> properties) {

    static Expansion parse(String expand) {
        boolean attachments = false;
        Predicate<Message.ExtendedProperty> properties = null;
        for (String item : items(expand)) {
            String name = item.toLowerCase(Locale.ROOT);
            if (name.startsWith("attachments")) {
                attachments = true;
            } else if (name.startsWith("singlevalueextendedproperties")) {
                properties = ExtendedPropertyFilter.expansion(options(item));
            }
        }
        return new Expansion(attachments, properties);
    }

    /** The items, split at the commas outside parentheses. */
    private static List<String> items(String expand) {
        var items = new ArrayList<String>();
        if (expand == null) {
            return items;
        }
        int depth = 0;
        int start = 0;
        for (int i = 0; i < expand.length(); i++) {
            char c = expand.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == ',' && depth == 0) {
                items.add(expand.substring(start, i).strip());
                start = i + 1;
            }
        }
        items.add(expand.substring(start).strip());
        return items;
    }

    /** The options of an item: what its parentheses hold, or null. */
    private static String options(String item) {
        int open = item.indexOf('(');
        return open < 0 || !item.endsWith(")") ? null : item.substring(open + 1, item.length() - 1);
    }
}

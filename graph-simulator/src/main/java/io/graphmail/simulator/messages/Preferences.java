package io.graphmail.simulator.messages;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a request's {@code Prefer} headers ask for, whether in one header ({@code odata.maxpagesize=100,
 * IdType="ImmutableId"}) or in several.
 *
 * @param maxPageSize {@code odata.maxpagesize}, or null when absent or not a positive number
 * @param immutableId whether {@code IdType="ImmutableId"} was asked for
 */
public record Preferences(Integer maxPageSize, boolean immutableId) {

    private static final Pattern MAX_PAGE_SIZE = Pattern.compile("(?i)odata\\.maxpagesize\\s*=\\s*\"?(\\d{1,9})\"?");

    public static Preferences parse(List<String> headers) {
        Integer maxPageSize = null;
        boolean immutableId = false;
        for (String header : headers) {
            for (String preference : header.split(",")) {
                String value = preference.strip();
                Matcher size = MAX_PAGE_SIZE.matcher(value);
                if (size.matches() && Integer.parseInt(size.group(1)) > 0) {
                    maxPageSize = Integer.parseInt(size.group(1));
                } else if (isImmutableId(value)) {
                    immutableId = true;
                }
            }
        }
        return new Preferences(maxPageSize, immutableId);
    }

    private static boolean isImmutableId(String preference) {
        return preference
                .replace("\"", "")
                .replace(" ", "")
                .toLowerCase(Locale.ROOT)
                .equals("idtype=immutableid");
    }
}

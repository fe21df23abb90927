package io.graphmail.gateway.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ways of writing one path that a server might route to the same handler while a naive check on the raw URI
 * sees something else: percent-encoded letters and separators, dot segments, matrix parameters, doubled and
 * trailing separators, case, backslashes, overlong UTF-8 and NUL bytes.
 */
final class PathSpellings {

    private PathSpellings() {}

    /** Each spelling of {@code path} (an absolute path of at least two segments) by the name of its trick. */
    static Map<String, String> of(String path) {
        String first = path.substring(1, path.indexOf('/', 1));
        String head = "/" + first;
        String rest = path.substring(head.length());
        String last = path.substring(path.lastIndexOf('/') + 1);
        String parent = path.substring(0, path.lastIndexOf('/'));
        String tail = first.substring(1);
        String butLast = first.substring(0, first.length() - 1);
        char firstLetter = first.charAt(0);
        Map<String, String> spellings = new LinkedHashMap<>();
        spellings.put("as documented", path);
        spellings.put("first letter encoded", "/" + encoded(firstLetter) + tail + rest);
        spellings.put("last letter encoded", "/" + butLast + encoded(first.charAt(first.length() - 1)) + rest);
        spellings.put(
                "upper-case encoding",
                "/" + encoded(Character.toUpperCase(firstLetter)).toUpperCase(Locale.ROOT) + tail + rest);
        spellings.put("every letter encoded", encodeAll(head) + encodeAll(rest));
        spellings.put("double encoding", "/%25" + encoded(firstLetter).substring(1) + tail + rest);
        spellings.put("upper case", path.toUpperCase(Locale.ROOT));
        spellings.put("capitalised", "/" + Character.toUpperCase(firstLetter) + tail + rest);
        spellings.put("empty matrix parameter", head + ";" + rest);
        spellings.put("matrix parameter", head + ";x=1" + rest);
        spellings.put("jsessionid", head + ";jsessionid=0" + rest);
        spellings.put("encoded semicolon", head + "%3bx=1" + rest);
        spellings.put("trailing semicolon", path + ";");
        spellings.put("suffix after semicolon", path + ";.css");
        spellings.put("leading double slash", "/" + path);
        spellings.put("leading triple slash", "//" + path);
        spellings.put("inner double slash", head + "/" + rest);
        spellings.put("trailing slash", path + "/");
        spellings.put("trailing double slash", path + "//");
        spellings.put("trailing dot", path + ".");
        spellings.put("trailing dot segment", path + "/.");
        spellings.put("leading dot segment", "/." + path);
        spellings.put("inner dot segment", head + "/." + rest);
        spellings.put("dot-dot segment", parent + "/x/../" + last);
        spellings.put("dot-dot from outside", "/x/.." + path);
        spellings.put("encoded dot segment", "/%2e" + path);
        spellings.put("encoded dot-dot", parent + "/x/%2e%2e/" + last);
        spellings.put("dot-dot with semicolon", parent + "/x/..;/" + last);
        spellings.put("encoded slash", head + "%2F" + rest.substring(1));
        spellings.put("lower-case encoded slash", head + "%2f" + rest.substring(1));
        spellings.put("trailing encoded slash", path + "%2F");
        spellings.put("backslash", head + "\\" + rest.substring(1));
        spellings.put("encoded backslash", head + "%5C" + rest.substring(1));
        spellings.put("trailing backslash", path + "\\");
        spellings.put("overlong slash", head + "%c0%af" + rest.substring(1));
        spellings.put("overlong letter", "/" + overlong(firstLetter) + tail + rest);
        spellings.put("overlong dot", "/%c0%ae" + path);
        spellings.put("NUL byte", head + "%00" + rest);
        spellings.put("trailing NUL byte", path + "%00");
        spellings.put("trailing encoded space", path + "%20");
        spellings.put("trailing encoded tab", path + "%09");
        spellings.put("encoded line feed", head + "%0a" + rest);
        spellings.put("empty query", path + "?");
        spellings.put("absolute form", "http://127.0.0.1" + path);
        spellings.put("file extension", path + ".json");
        return spellings;
    }

    private static String encoded(char c) {
        return "%%%02x".formatted((int) c);
    }

    /** The two-byte (overlong, invalid) UTF-8 form of an ASCII character. */
    private static String overlong(char c) {
        return "%%%02x%%%02x".formatted(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    }

    private static String encodeAll(String path) {
        var encoded = new StringBuilder();
        for (char c : path.toCharArray()) {
            encoded.append(Character.isLetter(c) ? encoded(c) : String.valueOf(c));
        }
        return encoded.toString();
    }

    /** Every {@code {name}} in an OpenAPI path replaced by a value no object has. */
    static String concrete(String template) {
        List<String> parts = new ArrayList<>();
        for (String segment : template.split("/", -1)) {
            parts.add(segment.startsWith("{") ? "p0000" + segment.hashCode() : segment);
        }
        return String.join("/", parts);
    }
}

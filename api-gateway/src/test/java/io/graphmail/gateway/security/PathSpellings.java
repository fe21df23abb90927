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

    /** Each spelling of {@code path} (which starts with {@code /api/}) by the name of its trick. */
    static Map<String, String> of(String path) {
        String rest = path.substring("/api".length());
        String last = path.substring(path.lastIndexOf('/') + 1);
        String parent = path.substring(0, path.lastIndexOf('/'));
        Map<String, String> spellings = new LinkedHashMap<>();
        spellings.put("as documented", path);
        spellings.put("first letter encoded", "/%61pi" + rest);
        spellings.put("last letter encoded", "/ap%69" + rest);
        spellings.put("upper-case encoding", "/%41pi" + rest);
        spellings.put("every letter encoded", "/%61%70%69" + encodeAll(rest));
        spellings.put("double encoding", "/%2561pi" + rest);
        spellings.put("upper case", path.toUpperCase(Locale.ROOT));
        spellings.put("capitalised", "/Api" + rest);
        spellings.put("empty matrix parameter", "/api;" + rest);
        spellings.put("matrix parameter", "/api;x=1" + rest);
        spellings.put("jsessionid", "/api;jsessionid=0" + rest);
        spellings.put("encoded semicolon", "/api%3bx=1" + rest);
        spellings.put("trailing semicolon", path + ";");
        spellings.put("suffix after semicolon", path + ";.css");
        spellings.put("leading double slash", "/" + path);
        spellings.put("leading triple slash", "//" + path);
        spellings.put("inner double slash", "/api/" + rest);
        spellings.put("trailing slash", path + "/");
        spellings.put("trailing double slash", path + "//");
        spellings.put("trailing dot", path + ".");
        spellings.put("trailing dot segment", path + "/.");
        spellings.put("leading dot segment", "/." + path);
        spellings.put("inner dot segment", "/api/." + rest);
        spellings.put("dot-dot segment", parent + "/x/../" + last);
        spellings.put("dot-dot from outside", "/x/.." + path);
        spellings.put("encoded dot segment", "/%2e" + path);
        spellings.put("encoded dot-dot", parent + "/x/%2e%2e/" + last);
        spellings.put("dot-dot with semicolon", parent + "/x/..;/" + last);
        spellings.put("encoded slash", "/api%2F" + rest.substring(1));
        spellings.put("lower-case encoded slash", "/api%2f" + rest.substring(1));
        spellings.put("trailing encoded slash", path + "%2F");
        spellings.put("backslash", "/api\\" + rest.substring(1));
        spellings.put("encoded backslash", "/api%5C" + rest.substring(1));
        spellings.put("trailing backslash", path + "\\");
        spellings.put("overlong slash", "/api%c0%af" + rest.substring(1));
        spellings.put("overlong letter", "/%c1%a1pi" + rest);
        spellings.put("overlong dot", "/%c0%ae" + path);
        spellings.put("NUL byte", "/api%00" + rest);
        spellings.put("trailing NUL byte", path + "%00");
        spellings.put("trailing encoded space", path + "%20");
        spellings.put("trailing encoded tab", path + "%09");
        spellings.put("encoded line feed", "/api%0a" + rest);
        spellings.put("empty query", path + "?");
        spellings.put("absolute form", "http://127.0.0.1" + path);
        spellings.put("file extension", path + ".json");
        return spellings;
    }

    private static String encodeAll(String path) {
        var encoded = new StringBuilder();
        for (char c : path.toCharArray()) {
            encoded.append(Character.isLetter(c) ? "%%%02x".formatted((int) c) : String.valueOf(c));
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

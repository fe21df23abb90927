package io.graphmail.gateway.problems;

import io.graphmail.gateway.security.DocumentedOperations.Operation;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Malformed requests for the operations of an OpenAPI document: each parameter with values of the wrong type or
 * encoding, each body with content types and shapes it does not take, each path with methods it does not have.
 */
final class MalformedRequests {

    /** Kinds of malformation, for counting failures by kind. */
    enum Kind {
        ENCODING,
        NUMBER,
        VALUE,
        HEADER,
        METHOD,
        CONTENT_TYPE,
        NOT_JSON,
        BODY_SHAPE
    }

    /**
     * @param expected the status the answer must have; 0 when any answer below 500 will do
     */
    record Attempt(
            Kind kind,
            String description,
            String method,
            String target,
            Map<String, String> headers,
            byte[] body,
            int expected) {}

    /** Percent-encodings no parameter takes: not UTF-8, or control characters. */
    static final Map<String, String> BAD_ENCODINGS = Map.ofEntries(
            Map.entry("invalid UTF-8", "%ff"),
            Map.entry("overlong UTF-8", "%c0%af"),
            Map.entry("truncated UTF-8", "a%e2%82"),
            Map.entry("UTF-8 surrogate", "%ed%a0%80"),
            Map.entry("NUL", "a%00b"),
            Map.entry("control character", "%01"),
            Map.entry("line feed", "a%0ab"),
            Map.entry("DEL", "%7f"),
            Map.entry("invalid percent-encoding", "%zz"),
            Map.entry("lone percent", "a%"));

    private static final List<String> NUMBERS =
            List.of("0", "-1", "2147483648", "-2147483649", "99999999999999999999", "1.5", "1e3", "abc");

    private static final List<String> VALUES = List.of(
            "", "%20", "null", "%5B%5D", "%e2%80%ae", "%f0%9f%98%80", "a".repeat(4000), "..", "%2e%2e%2f", "yes");

    /** Text that is not JSON at all. */
    private static final List<String> NOT_JSON =
            List.of("not json", "{", "}", "[", "{\"a\":}", "{'a':1}", "<mail/>", "[".repeat(5000), "{\"a\" 1}");

    /** JSON, but not an object with properties an operation takes; an optional body may be absent or null. */
    private static final List<String> ODD_JSON = List.of(
            "", "null", "[]", "\"text\"", "123", "{\"a\":1e999999999}", "[{}]", "{\"a\":{\"b\":[null]}}", "\ufeff{}");

    private static final List<String> CONTENT_TYPES = List.of(
            "*/*",
            "application/*",
            "multipart/form-data",
            "multipart/form-data; boundary=fuzz",
            "multipart/mixed; boundary=fuzz",
            "text/plain",
            "application/xml",
            "application/x-www-form-urlencoded",
            "application/octet-stream",
            "image/png",
            "nonsense",
            "application/json; charset=no-such-charset");

    private static final Set<String> ODD_METHODS =
            Set.of("CONNECT", "PATCH", "TRACE", "PROPFIND", "PUT", "DELETE", "POST", "MKCOL");

    private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

    private final JsonBodies bodies;
    private final String accountId;
    private final String apiKey;

    MalformedRequests(JsonNode document, String accountId, String apiKey) {
        this.bodies = new JsonBodies(document, accountId);
        this.accountId = accountId;
        this.apiKey = apiKey;
    }

    List<Attempt> of(List<Operation> operations) {
        List<Attempt> attempts = new ArrayList<>();
        Map<String, Set<String>> methodsByPath = new LinkedHashMap<>();
        for (Operation operation : operations) {
            methodsByPath
                    .computeIfAbsent(operation.path(), path -> new TreeSet<>())
                    .add(operation.method());
            parameters(operation, attempts);
            bodies(operation, attempts);
        }
        methodsByPath.forEach((path, documented) -> {
            for (String method : new TreeSet<>(ODD_METHODS)) {
                if (!documented.contains(method)) {
                    attempts.add(new Attempt(
                            Kind.METHOD, "", method, concrete(path, "", "", method), json(), EMPTY_OBJECT, 405));
                }
            }
        });
        return attempts;
    }

    private void parameters(Operation operation, List<Attempt> attempts) {
        for (JsonNode parameter : operation.definition().path("parameters")) {
            String name = parameter.path("name").asString();
            String in = parameter.path("in").asString();
            String type = parameter.path("schema").path("type").asString("");
            if (in.equals("header")) {
                headers(operation, name, attempts);
                continue;
            }
            BAD_ENCODINGS.forEach((what, value) ->
                    attempts.add(attempt(operation, Kind.ENCODING, in, name, value, name + "=" + what, 400)));
            for (String value : type.equals("integer") ? NUMBERS : VALUES) {
                boolean outOfRange = type.equals("integer") && in.equals("query");
                attempts.add(attempt(
                        operation,
                        outOfRange ? Kind.NUMBER : Kind.VALUE,
                        in,
                        name,
                        value,
                        name + "=" + abbreviated(value),
                        outOfRange ? 400 : 0));
            }
        }
    }

    private Attempt attempt(
            Operation operation, Kind kind, String in, String name, String value, String description, int expected) {
        String target = in.equals("path")
                ? concrete(operation.path(), name, value, operation.method())
                : concrete(operation.path(), "", "", operation.method()) + "?" + name + "=" + value;
        return new Attempt(kind, description, operation.method(), target, json(), body(operation), expected);
    }

    private void headers(Operation operation, String name, List<Attempt> attempts) {
        for (String value : List.of("", "\u00ff\u00fe", "\u0001x", "x".repeat(4000), "a\u0000b")) {
            Map<String, String> headers = new LinkedHashMap<>(json());
            headers.put(name, value);
            attempts.add(new Attempt(
                    Kind.HEADER,
                    name + ": " + abbreviated(value),
                    operation.method(),
                    concrete(operation.path(), "", "", operation.method()),
                    headers,
                    body(operation),
                    0));
        }
    }

    private void bodies(Operation operation, List<Attempt> attempts) {
        if (!operation.method().equals("POST")) {
            return;
        }
        String target = concrete(operation.path(), "", "", operation.method());
        JsonNode schema =
                operation.definition().path("requestBody").path("content").path("application/json");
        boolean takesJson = !schema.isMissingNode();
        for (String contentType : CONTENT_TYPES) {
            Map<String, String> headers = new LinkedHashMap<>(json());
            headers.put("Content-Type", contentType);
            boolean unsupported = takesJson && !contentType.startsWith("application/json");
            attempts.add(new Attempt(
                    Kind.CONTENT_TYPE, contentType, "POST", target, headers, body(operation), unsupported ? 415 : 0));
        }
        if (takesJson) {
            Map<String, String> none = Map.of("Authorization", "Bearer " + apiKey);
            attempts.add(new Attempt(Kind.CONTENT_TYPE, "(none)", "POST", target, none, body(operation), 415));
            for (String text : NOT_JSON) {
                attempts.add(new Attempt(
                        Kind.NOT_JSON,
                        abbreviated(text),
                        "POST",
                        target,
                        json(),
                        text.getBytes(StandardCharsets.UTF_8),
                        400));
            }
            String property = firstProperty(schema.path("schema"));
            for (byte[] invalid : invalidUtf8(property)) {
                attempts.add(new Attempt(Kind.NOT_JSON, "invalid UTF-8", "POST", target, json(), invalid, 400));
            }
            bodies.variants(schema.path("schema"))
                    .forEach((description, body) -> attempts.add(new Attempt(
                            Kind.BODY_SHAPE,
                            description,
                            "POST",
                            target,
                            json(),
                            body.getBytes(StandardCharsets.UTF_8),
                            0)));
        }
    }

    /**
     * Bodies that are not UTF-8: in a property's value, where the parser must decode them (it skips the names of
     * properties it does not know without decoding them).
     */
    private static List<byte[]> invalidUtf8(String property) {
        List<byte[]> bodies = new ArrayList<>();
        for (byte[] invalid : List.of(new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc0, (byte) 0xaf}, new byte[] {
            (byte) 0xed, (byte) 0xa0, (byte) 0x80
        })) {
            var body = new ByteArrayOutputStream();
            body.writeBytes(("{\"" + property + "\":\"a").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(invalid);
            body.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
            bodies.add(body.toByteArray());
        }
        return bodies;
    }

    private String firstProperty(JsonNode schema) {
        JsonNode plausible = bodies.plausible(schema);
        JsonNode full = plausible.isEmpty() ? bodies.full(schema) : plausible;
        return full.propertyNames().iterator().next();
    }

    /** The operation's JSON body as the document describes it; {@code {}} when it takes none. */
    private byte[] body(Operation operation) {
        JsonNode schema = operation
                .definition()
                .path("requestBody")
                .path("content")
                .path("application/json")
                .path("schema");
        String body = schema.isMissingNode() ? "{}" : bodies.plausible(schema).toString();
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The path with its variables filled in: the test's own account where an account is meant (so that checks past
     * the account's are reached), a made-up id elsewhere and for DELETE (which would remove the account).
     */
    private String concrete(String path, String name, String value, String method) {
        var result = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            if (!result.isEmpty() || !segment.isEmpty()) {
                result.append('/');
            }
            if (!segment.startsWith("{")) {
                result.append(segment);
            } else if (segment.equals("{" + name + "}")) {
                result.append(value);
            } else if (!method.equals("DELETE")
                    && (segment.equals("{accountId}") || path.startsWith("/api/v1/accounts/{id}"))) {
                result.append(accountId);
            } else {
                result.append("0b6e5b9e-3f2c-4c1e-9a57-1d0f6a1c2b3d");
            }
        }
        return result.toString();
    }

    private Map<String, String> json() {
        return Map.of("Content-Type", "application/json", "Authorization", "Bearer " + apiKey);
    }

    private static String abbreviated(String value) {
        return value.length() > 40 ? value.substring(0, 20) + "…(" + value.length() + " chars)" : value;
    }
}

package io.graphmail.gateway.problems;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Request bodies made from the OpenAPI document's schemas: a plausible one (required properties and those with an
 * example), and that body with one property at a time, at any depth, replaced by a wrong value or left out.
 */
final class JsonBodies {

    /** Values no property takes; the raw ones are spliced into the JSON text as they are. */
    private static final Map<String, String> WRONG_VALUES = wrongValues();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String FUTURE = "2099-01-01T00:00:00Z";

    private final JsonNode schemas;
    private final String accountId;

    JsonBodies(JsonNode document, String accountId) {
        this.schemas = document.path("components").path("schemas");
        this.accountId = accountId;
    }

    /** A body the schema describes, with only required properties and those with an example. */
    JsonNode plausible(JsonNode schema) {
        return value(schema, "", false, 0);
    }

    /** A body with every property the schema has. */
    JsonNode full(JsonNode schema) {
        return value(schema, "", true, 0);
    }

    /** Each variant of the plausible body with one property, at any depth, wrong or left out; by description. */
    Map<String, String> variants(JsonNode schema) {
        JsonNode full = full(schema);
        JsonNode base = plausible(schema);
        Map<String, String> variants = new LinkedHashMap<>();
        for (List<Object> path : paths(full, new ArrayList<>(), new ArrayList<>())) {
            for (var wrong : WRONG_VALUES.entrySet()) {
                JsonNode body = base.deepCopy();
                JsonNode parent = ensureParents(body, full, path);
                Object last = path.get(path.size() - 1);
                String raw = wrong.getValue();
                JsonNode replacement = raw == null ? null : NODES.stringNode("@@raw@@");
                if (parent instanceof ObjectNode object) {
                    if (replacement == null) {
                        object.remove((String) last);
                    } else {
                        object.set((String) last, replacement);
                    }
                } else if (parent instanceof ArrayNode array) {
                    if (replacement == null) {
                        array.remove((Integer) last);
                    } else {
                        array.set((Integer) last, replacement);
                    }
                }
                variants.put(
                        describe(path) + " " + wrong.getKey(),
                        body.toString().replace("\"@@raw@@\"", String.valueOf(raw)));
            }
        }
        return variants;
    }

    private JsonNode value(JsonNode schema, String name, boolean everything, int depth) {
        schema = resolve(schema);
        String type = schema.path("type").asString("");
        if (name.equals("accountId")) {
            return NODES.stringNode(accountId);
        }
        if (name.endsWith("Base64") || "byte".equals(schema.path("format").asString(""))) {
            return NODES.stringNode("aGVsbG8=");
        }
        switch (schema.path("format").asString("")) {
            case "date-time" -> {
                return NODES.stringNode(FUTURE);
            }
            case "date" -> {
                return NODES.stringNode("2026-01-01");
            }
            case "email" -> {
                return NODES.stringNode("ada@example.com");
            }
            default -> {}
        }
        if (schema.has("example")) {
            return schema.get("example").deepCopy();
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0).deepCopy();
        }
        if (depth > 6) {
            return NODES.stringNode("x");
        }
        return switch (type) {
            case "array" -> NODES.arrayNode().add(value(schema.path("items"), name, everything, depth + 1));
            case "integer", "number" ->
                NODES.numberNode(Math.max(1, schema.path("minimum").asLong(1)));
            case "boolean" -> NODES.booleanNode(true);
            case "string" -> NODES.stringNode("x");
            default -> object(schema, everything, depth);
        };
    }

    private JsonNode object(JsonNode schema, boolean everything, int depth) {
        ObjectNode object = NODES.objectNode();
        JsonNode properties = schema.path("properties");
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(each -> required.add(each.asString()));
        for (String property : properties.propertyNames()) {
            JsonNode propertySchema = properties.get(property);
            if (everything || required.contains(property) || propertySchema.has("example")) {
                object.set(property, value(propertySchema, property, everything, depth + 1));
            }
        }
        if (schema.has("additionalProperties")
                && schema.get("additionalProperties").isObject()) {
            object.set("x-fuzz", value(schema.get("additionalProperties"), "x-fuzz", everything, depth + 1));
        }
        return object;
    }

    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        return ref.isEmpty() ? schema : schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
    }

    /** Every property and first array element under {@code node}, as paths of names and indexes. */
    private static List<List<Object>> paths(JsonNode node, List<Object> at, List<List<Object>> found) {
        if (node.isObject()) {
            for (String name : node.propertyNames()) {
                List<Object> path = new ArrayList<>(at);
                path.add(name);
                found.add(path);
                paths(node.get(name), path, found);
            }
        } else if (node.isArray() && !node.isEmpty()) {
            List<Object> path = new ArrayList<>(at);
            path.add(0);
            found.add(path);
            paths(node.get(0), path, found);
        }
        return found;
    }

    /** The parent of the path's last step in {@code body}, copying from {@code full} what body lacks on the way. */
    private static JsonNode ensureParents(JsonNode body, JsonNode full, List<Object> path) {
        JsonNode node = body;
        JsonNode source = full;
        for (Object step : path.subList(0, path.size() - 1)) {
            JsonNode sourceChild = step instanceof String name ? source.get(name) : source.get((Integer) step);
            JsonNode child = step instanceof String name ? node.get(name) : node.get((Integer) step);
            if (child == null || child.getNodeType() != sourceChild.getNodeType()) {
                child = sourceChild.deepCopy();
                if (node instanceof ObjectNode object) {
                    object.set((String) step, child);
                } else {
                    ((ArrayNode) node).insert((Integer) step, child);
                }
            } else if (child.isArray() && child.isEmpty()) {
                ((ArrayNode) child).add(sourceChild.get(0).deepCopy());
            }
            node = child;
            source = sourceChild;
        }
        if (node.isArray() && node.isEmpty()) {
            ((ArrayNode) node).add(source.get(0).deepCopy());
        }
        return node;
    }

    private static String describe(List<Object> path) {
        var text = new StringBuilder();
        for (Object step : path) {
            if (step instanceof Integer index) {
                text.append('[').append(index).append(']');
            } else {
                text.append(text.isEmpty() ? "" : ".").append(step);
            }
        }
        return text.toString();
    }

    private static Map<String, String> wrongValues() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("missing", null);
        values.put("null", "null");
        values.put("-1", "-1");
        values.put("huge number", "123456789012345678901234567890");
        values.put("1e400", "1e400");
        values.put("string", "\"x\"");
        values.put("empty string", "\"\"");
        values.put("NUL and lone surrogate", "\"a\\u0000\\ud800b\"");
        values.put("boolean", "true");
        values.put("array", "[]");
        values.put("array of null", "[null]");
        values.put("object", "{}");
        return values;
    }
}

package io.graphmail.simulator.messages;

import io.graphmail.simulator.mailbox.Message;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Renders messages and pages of them as Graph does, honouring $select and $expand. */
@Component
public class MessageJson {

    static final String HEADERS = "internetMessageHeaders";
    static final String EXTENDED_PROPERTIES = "singleValueExtendedProperties";

    private final JsonMapper json;

    MessageJson(JsonMapper json) {
        this.json = json;
    }

    /** The message as a listing or a get answers it, with the extended properties {@code $expand} asks for. */
    public ObjectNode message(Message message, MessageQuery query) {
        ObjectNode node = message(message, query.select(), query.withAttachments());
        if (query.expandedProperties() != null) {
            var expanded = ExtendedPropertyFilter.properties(message).stream()
                    .filter(query.expandedProperties())
                    .toList();
            if (!expanded.isEmpty()) {
                node.set(EXTENDED_PROPERTIES, json.valueToTree(expanded));
            }
        }
        return node;
    }

    /**
     * The message with only the {@code select}ed properties (all when empty), attachments only when asked for. As in
     * Graph, {@code internetMessageHeaders} come only when selected, extended properties only when expanded.
     */
    public ObjectNode message(Message message, Set<String> select, boolean withAttachments) {
        ObjectNode node = json.valueToTree(message);
        if (!withAttachments) {
            node.remove("attachments");
        }
        if (!select.contains(HEADERS)) {
            node.remove(HEADERS);
        }
        node.remove(EXTENDED_PROPERTIES);
        if (!select.isEmpty()) {
            node.retain(select);
        }
        return node;
    }

    /** One page of the matching messages, with an absolute {@code @odata.nextLink} when more follow. */
    Map<String, Object> page(List<Message> matching, MessageQuery query, HttpServletRequest request) {
        String self =
                ServletUriComponentsBuilder.fromRequestUri(request).build().toUriString();
        var body = new LinkedHashMap<String, Object>();
        body.put("@odata.context", ODataContext.of(request, "messages"));
        body.put(
                "value",
                matching.stream()
                        .skip(query.skip())
                        .limit(query.top())
                        .map(message -> message(message, query))
                        .toList());
        int next = query.skip() + query.top();
        if (next < matching.size()) {
            body.put("@odata.nextLink", self + "?" + queryWithSkip(request, next));
        }
        return body;
    }

    private static String queryWithSkip(HttpServletRequest request, int skip) {
        var params = new LinkedHashMap<String, String>();
        request.getParameterMap().forEach((name, values) -> params.put(name, values[0]));
        params.put("$skip", String.valueOf(skip));
        return params.entrySet().stream()
                .map(param -> encode(param.getKey()) + "=" + encode(param.getValue()))
                .collect(Collectors.joining("&"));
    }

    // Spaces as %20 rather than '+': clients follow the link verbatim and not all treat '+' as a space.
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

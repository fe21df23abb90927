package io.graphmail.simulator.delta;

import io.graphmail.simulator.messages.MessageJson;
import io.graphmail.simulator.messages.ODataContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Renders a page of a delta round as Graph does, with an absolute next link or delta link. */
@Component
class DeltaJson {

    private static final String MESSAGE_TYPE = "#microsoft.graph.message";

    private final JsonMapper json;
    private final MessageJson messages;

    DeltaJson(JsonMapper json, MessageJson messages) {
        this.json = json;
        this.messages = messages;
    }

    Map<String, Object> page(DeltaPage page, HttpServletRequest request) {
        var body = new LinkedHashMap<String, Object>();
        body.put("@odata.context", ODataContext.of(request, "Collection(message)"));
        body.put(
                "value",
                page.items().stream().map(item -> item(item, page.options())).toList());
        String link = deltaPath(request) + (page.lastPage() ? "?$deltatoken=" : "?$skiptoken=") + page.token();
        body.put(page.lastPage() ? "@odata.deltaLink" : "@odata.nextLink", link);
        return body;
    }

    private ObjectNode item(DeltaItem item, DeltaOptions options) {
        ObjectNode node = json.createObjectNode();
        node.put("@odata.type", MESSAGE_TYPE);
        if (item.isRemoved()) {
            node.put("id", item.id());
            node.putObject("@removed").put("reason", item.removedReason());
            return node;
        }
        node.put("@odata.etag", "W/\"" + item.message().changeKey() + "\"");
        node.setAll(messages.message(item.message(), options.selected(), options.expandAttachments()));
        return node;
    }

    /** The delta function's URL as the links name it: without the parentheses the Graph SDK adds. */
    private static String deltaPath(HttpServletRequest request) {
        String self = ODataContext.self(request);
        return self.endsWith("()") ? self.substring(0, self.length() - 2) : self;
    }
}

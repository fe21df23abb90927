package io.graphmail.worker.graph;

import io.graphmail.contract.send.MailAttachment;
import io.graphmail.contract.send.MailBody;
import io.graphmail.contract.send.SendMailCommand;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * A draft's {@code POST .../messages} body written straight from the command, and the created draft's ids read
 * straight from Graph's answer: the same JSON the Graph SDK's {@code Message} model gives, without building its
 * backing-store objects (and Kiota's serialisation of them) for every message.
 */
final class DraftJson {

    private static final JsonFactory JSON = new JsonFactory();
    private static final Set<String> IMPORTANCES = Set.of("low", "normal", "high");

    private DraftJson() {}

    /** The command as a draft: its content, options and delivery key, with its inline attachments or without. */
    static byte[] of(SendMailCommand command, boolean withAttachments) {
        var bytes = new ByteArrayOutputStream(512);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeStringProperty("@odata.type", "#microsoft.graph.message");
            optional(json, "subject", command.subject());
            body(json, command.body());
            recipients(json, "toRecipients", command.to());
            recipients(json, "ccRecipients", command.cc());
            recipients(json, "bccRecipients", command.bcc());
            recipients(json, "replyTo", command.replyTo());
            if (withAttachments && !command.attachments().isEmpty()) {
                attachments(json, command.attachments());
            }
            importance(json, command.importance());
            headers(json, command);
            json.writeArrayPropertyStart("singleValueExtendedProperties");
            json.writeStartObject();
            json.writeStringProperty("id", GraphMessages.DELIVERY_KEY_PROPERTY);
            optional(json, "value", command.deliveryKey());
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        }
        return bytes.toByteArray();
    }

    /** The id and Internet message id of the message Graph answered with; other properties are skipped unread. */
    static GraphDrafts.Draft created(InputStream answer) {
        try (JsonParser json = JSON.createParser(answer)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("Graph answered a draft's creation with no JSON object");
            }
            String id = null;
            String internetMessageId = null;
            for (String name = json.nextName(); name != null; name = json.nextName()) {
                JsonToken value = json.nextToken();
                switch (name) {
                    case "id" -> id = value == JsonToken.VALUE_STRING ? json.getString() : null;
                    case "internetMessageId" ->
                        internetMessageId = value == JsonToken.VALUE_STRING ? json.getString() : null;
                    default -> json.skipChildren();
                }
            }
            return new GraphDrafts.Draft(id, internetMessageId);
        }
    }

    private static void body(JsonGenerator json, MailBody body) {
        json.writeObjectPropertyStart("body");
        json.writeStringProperty("contentType", body.contentType() == MailBody.ContentType.HTML ? "html" : "text");
        optional(json, "content", body.content());
        json.writeEndObject();
    }

    private static void recipients(JsonGenerator json, String name, List<String> addresses) {
        json.writeArrayPropertyStart(name);
        for (String address : addresses) {
            json.writeStartObject();
            json.writeObjectPropertyStart("emailAddress");
            optional(json, "address", address);
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void attachments(JsonGenerator json, List<MailAttachment> attachments) {
        json.writeArrayPropertyStart("attachments");
        for (MailAttachment attachment : attachments) {
            json.writeStartObject();
            json.writeStringProperty("@odata.type", "#microsoft.graph.fileAttachment");
            optional(json, "contentType", attachment.contentType());
            optional(json, "name", attachment.name());
            // Decoded and encoded again, as the SDK's byte[] property did: content that is not Base64 fails here.
            json.writeStringProperty(
                    "contentBytes",
                    Base64.getEncoder().encodeToString(Base64.getDecoder().decode(attachment.contentBase64())));
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** A value Graph does not name is left out, as the SDK's enum leaves it. */
    private static void importance(JsonGenerator json, String importance) {
        if (importance != null) {
            String value = importance.toLowerCase(Locale.ROOT);
            if (IMPORTANCES.contains(value)) {
                json.writeStringProperty("importance", value);
            }
        }
    }

    /** The sender's custom headers only: the delivery key travels as the extended property. */
    private static void headers(JsonGenerator json, SendMailCommand command) {
        if (command.headers().isEmpty()) {
            return;
        }
        json.writeArrayPropertyStart("internetMessageHeaders");
        command.headers().forEach((name, value) -> {
            json.writeStartObject();
            optional(json, "name", name);
            optional(json, "value", value);
            json.writeEndObject();
        });
        json.writeEndArray();
    }

    /** JSON nulls are left out, as the SDK leaves them out. */
    private static void optional(JsonGenerator json, String name, String value) {
        if (value != null) {
            json.writeStringProperty(name, value);
        }
    }
}

package io.graphmail.gateway.messages;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.data.domain.Sort;

/** The message list's query parameters as given; {@link #toQuery} checks and parses them. */
record MessageListParameters(
        @Parameter(description = "Sender address; case-insensitive, exact")
        String from,

        @Parameter(description = "An address among to, cc and bcc; case-insensitive, exact")
        String to,

        @Parameter(description = "Text the subject contains; case-insensitive")
        String subject,

        @Parameter(description = "Text the subject or body preview contains; case-insensitive")
        String q,

        @Parameter(description = "inbox, sentitems or a folder's display name; case-insensitive")
        String folder,

        @Parameter(
                description = "Received at or after this instant (ISO-8601)",
                schema = @Schema(type = "string", format = "date-time"))
        String receivedAfter,

        @Parameter(
                description = "Received before this instant (ISO-8601)",
                schema = @Schema(type = "string", format = "date-time"))
        String receivedBefore,

        @Parameter(description = "Only this conversation") String conversationId,
        @Parameter(schema = @Schema(type = "boolean")) String hasAttachments,
        @Parameter(schema = @Schema(type = "boolean")) String isRead,

        @Parameter(
                description = "Also list messages deleted from the mailbox (deletedAt set)",
                schema = @Schema(type = "boolean", defaultValue = "false"))
        String includeDeleted,

        @Parameter(
                schema =
                        @Schema(
                                allowableValues = {"receivedDateTime,desc", "receivedDateTime,asc"},
                                defaultValue = "receivedDateTime,desc"))
        String sort,

        @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "200", defaultValue = "50"))
        String limit,

        @Parameter(description = "nextCursor of the previous page, unchanged")
        String cursor) {

    /** @throws MessageProblem naming every parameter that is not valid */
    MessageQuery toQuery(String accountId) {
        var read = new ParameterReader();
        var filter = new MessageFilter(
                accountId,
                read.text("from", from),
                read.text("to", to),
                read.text("subject", subject),
                read.text("q", q),
                read.text("folder", folder),
                read.instant("receivedAfter", receivedAfter),
                read.instant("receivedBefore", receivedBefore),
                read.text("conversationId", conversationId),
                read.bool("hasAttachments", hasAttachments),
                read.bool("isRead", isRead),
                Boolean.TRUE.equals(read.bool("includeDeleted", includeDeleted)));
        Sort.Direction requested = read.direction("sort", sort);
        int size = read.limit("limit", limit, MessageQuery.DEFAULT_LIMIT, MessageQuery.MAX_LIMIT);
        MessageCursor.Decoded position = read.hasErrors() ? null : read.cursor("cursor", cursor, filter, requested);
        read.throwIfAny();
        Sort.Direction direction =
                requested != null ? requested : position != null ? position.direction() : Sort.Direction.DESC;
        return new MessageQuery(filter, direction, size, position == null ? null : position.position());
    }

    /** These parameters, form-encoded, with the cursor replaced: the next page's query string. */
    String queryWith(String nextCursor) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("from", from);
        query.put("to", to);
        query.put("subject", subject);
        query.put("q", q);
        query.put("folder", folder);
        query.put("receivedAfter", receivedAfter);
        query.put("receivedBefore", receivedBefore);
        query.put("conversationId", conversationId);
        query.put("hasAttachments", hasAttachments);
        query.put("isRead", isRead);
        query.put("includeDeleted", includeDeleted);
        query.put("sort", sort);
        query.put("limit", limit);
        query.put("cursor", nextCursor);
        return query.entrySet().stream()
                .filter(parameter -> parameter.getValue() != null)
                .map(parameter ->
                        parameter.getKey() + "=" + URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}

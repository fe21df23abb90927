package io.graphmail.gateway.messages;

import io.graphmail.gateway.paging.Page;
import io.graphmail.gateway.security.ApiClient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@Tag(name = "Messages", description = "The mailboxes' archived mail, as the worker synced it; read-only")
@RestController
@RequestMapping("/api/v1")
class MessagesController {

    private final ReadingMailbox mailbox;

    MessagesController(ReadingMailbox mailbox) {
        this.mailbox = mailbox;
    }

    @Operation(
            operationId = "listMessages",
            summary = "List an account's messages, newest first unless sort says otherwise",
            description = "Filters combine with AND. Messages deleted from the mailbox are left out unless"
                    + " includeDeleted=true. Follow nextCursor (or the Link rel=\"next\" header) until it is"
                    + " null; keyset pages never skip or repeat a message, and messages newer than a"
                    + " descending walk's first page do not join it.")
    @GetMapping("/accounts/{accountId}/messages")
    ResponseEntity<Page<MessageView>> list(
            @PathVariable String accountId,
            @ParameterObject MessageListParameters parameters,
            @AuthenticationPrincipal ApiClient client) {
        Page<MessageView> page = mailbox.list(parameters.toQuery(accountId), client);
        var response = ResponseEntity.ok();
        if (page.nextCursor() != null) {
            String path = ServletUriComponentsBuilder.fromCurrentRequestUri()
                    .replaceQuery(null)
                    .build()
                    .toUriString();
            response.header(
                    HttpHeaders.LINK, "<" + path + "?" + parameters.queryWith(page.nextCursor()) + ">; rel=\"next\"");
        }
        return response.body(page);
    }

    @Operation(operationId = "getMessage", summary = "One message with its body")
    @GetMapping("/messages/{id}")
    MessageView message(@PathVariable String id, @AuthenticationPrincipal ApiClient client) {
        return mailbox.message(id, client);
    }

    @Operation(
            operationId = "downloadAttachment",
            summary = "Download an attachment's content",
            description = "404 with type attachment-not-stored when the attachment was too large to archive.")
    @GetMapping("/messages/{id}/attachments/{attachmentId}")
    ResponseEntity<Resource> attachment(
            @PathVariable String id, @PathVariable String attachmentId, @AuthenticationPrincipal ApiClient client) {
        AttachmentContent content = mailbox.attachment(id, attachmentId, client);
        String filename = content.filename();
        ContentDisposition disposition = ContentDisposition.attachment()
                .filename(filename, filename.chars().allMatch(c -> c < 128) ? null : StandardCharsets.UTF_8)
                .build();
        return ResponseEntity.ok()
                .contentType(content.contentType())
                .contentLength(content.length())
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(new InputStreamResource(content.content()));
    }
}

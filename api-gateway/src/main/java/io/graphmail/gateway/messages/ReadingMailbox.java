package io.graphmail.gateway.messages;

import io.graphmail.gateway.accounts.KnownAccounts;
import io.graphmail.gateway.paging.Page;
import io.graphmail.gateway.security.ApiClient;
import org.springframework.stereotype.Component;

/** Reads the archived mailbox: pages of messages, one message, an attachment's content. */
@Component
class ReadingMailbox {

    private final KnownAccounts accounts;
    private final StoredMessages messages;
    private final AttachmentFiles files;

    ReadingMailbox(KnownAccounts accounts, StoredMessages messages, AttachmentFiles files) {
        this.accounts = accounts;
        this.messages = messages;
        this.files = files;
    }

    /** @throws io.graphmail.gateway.accounts.AccountNotFound if the account is unknown or not the client's */
    Page<MessageView> list(MessageQuery query, ApiClient client) {
        accounts.requireUsable(query.filter().accountId(), client);
        return Page.read(
                        query.limit(),
                        count -> messages.page(query, count),
                        last -> MessageCursor.encode(query.filter(), query.direction(), PagePosition.of(last)))
                .map(MessageView::listItem);
    }

    /** Messages of accounts the client may not use are not found. */
    MessageView message(String id, ApiClient client) {
        return messages.find(id)
                .filter(message -> accounts.isUsable(message.accountId(), client))
                .map(MessageView::full)
                .orElseThrow(() -> MessageProblem.messageNotFound(id));
    }

    AttachmentContent attachment(String messageId, String attachmentId, ApiClient client) {
        StoredMessage.Attachment attachment = messages.attachmentsOf(messageId)
                .filter(message -> accounts.isUsable(message.accountId(), client))
                .orElseThrow(() -> MessageProblem.messageNotFound(messageId))
                .attachment(attachmentId)
                .orElseThrow(() -> MessageProblem.attachmentNotFound(messageId, attachmentId));
        return files.open(attachment).orElseThrow(() -> MessageProblem.attachmentNotStored(messageId, attachmentId));
    }
}

package io.graphmail.worker.graph;

import com.microsoft.graph.models.AttachmentItem;
import com.microsoft.graph.models.AttachmentType;
import com.microsoft.graph.models.FileAttachment;
import com.microsoft.graph.models.Message;
import com.microsoft.graph.users.item.messages.item.attachments.createuploadsession.CreateUploadSessionPostRequestBody;
import com.microsoft.graph.users.item.messages.item.createreply.CreateReplyPostRequestBody;
import com.microsoft.graph.users.item.messages.item.createreplyall.CreateReplyAllPostRequestBody;
import com.microsoft.kiota.HttpMethod;
import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.worker.accounts.AccountSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Graph's draft-and-send: a message is created as a draft carrying its delivery key, completed
 * (attachments), then sent; the key finds it again in Drafts or Sent Items when an outcome is in
 * doubt. Ids are immutable ({@code Prefer: IdType="ImmutableId"} on every call, added by {@link PreferImmutableIds}), so a draft's id
 * stays valid when Graph moves it to Sent Items.
 */
@Component
public class GraphDrafts {

    private static final String JSON = "application/json";

    private final GraphCalls calls;

    GraphDrafts(GraphCalls calls) {
        this.calls = calls;
    }

    /**
     * A draft Graph created: its id, and the Internet message id it will be sent with, by which a non-delivery report
     * names it.
     */
    public record Draft(String id, String internetMessageId) {

        static Draft of(Message message) {
            return new Draft(message.getId(), message.getInternetMessageId());
        }
    }

    /**
     * Creates the command's message as a draft, with its inline attachments or without them (to be added one by one,
     * when they would take the request over Graph's 4 MB); returns its id. The request is the SDK's (its client, auth
     * and middleware, Graph's errors as {@code ODataError}s), its body written and its answer read raw: the SDK's
     * {@code Message} model costs more than the rest of the call.
     */
    public Draft create(SendMailCommand command, AccountSettings account, boolean withAttachments) {
        byte[] body = DraftJson.of(command, withAttachments);
        return calls.call(account, "createDraft", () -> {
            var request = calls.mailbox(account).messages().toGetRequestInformation();
            request.httpMethod = HttpMethod.POST;
            request.setStreamContent(new ByteArrayInputStream(body), JSON);
            try (InputStream answer =
                    calls.adapter(account).sendPrimitive(request, GraphCalls.odataErrors(), InputStream.class)) {
                if (answer == null) {
                    throw new IllegalStateException("Graph answered a draft's creation without a body");
                }
                return DraftJson.created(answer);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Creates a reply (or reply-all) draft to the command's original message, threaded by Graph, with
     * the command's content, options and delivery key (custom headers can only be set at creation). Its inline
     * attachments are added afterwards.
     */
    public Draft createReply(SendMailCommand command, AccountSettings account) {
        var original =
                calls.mailbox(account).messages().byMessageId(command.reply().graphMessageId());
        var content = GraphMessages.replyChangesOf(command);
        Message draft;
        if (command.reply().replyAll()) {
            var body = new CreateReplyAllPostRequestBody();
            body.setMessage(content);
            draft = calls.call(
                    account, "createReplyAll", () -> original.createReplyAll().post(body));
        } else {
            var body = new CreateReplyPostRequestBody();
            body.setMessage(content);
            draft = calls.call(
                    account, "createReply", () -> original.createReply().post(body));
        }
        return Draft.of(draft);
    }

    /** Adds a file to a draft in one request; only for files {@link GraphRequestSizes#fitsOnePost} allows. */
    public void attach(AccountSettings account, String draftId, String name, String contentType, byte[] content) {
        var attachment = new FileAttachment();
        attachment.setOdataType("#microsoft.graph.fileAttachment");
        attachment.setName(name);
        attachment.setContentType(contentType);
        attachment.setContentBytes(content);
        calls.call(
                account,
                "addAttachment",
                () -> calls.mailbox(account)
                        .messages()
                        .byMessageId(draftId)
                        .attachments()
                        .post(attachment));
    }

    /** Opens an upload session for a large file on a draft; returns the pre-authenticated upload URL. */
    public String openUpload(AccountSettings account, String draftId, String name, String contentType, long size) {
        var item = new AttachmentItem();
        item.setAttachmentType(AttachmentType.File);
        item.setName(name);
        item.setContentType(contentType);
        item.setSize(size);
        var body = new CreateUploadSessionPostRequestBody();
        body.setAttachmentItem(item);
        var session = calls.call(
                account,
                "createUploadSession",
                () -> calls.mailbox(account)
                        .messages()
                        .byMessageId(draftId)
                        .attachments()
                        .createUploadSession()
                        .post(body));
        return session.getUploadUrl();
    }

    /** Sends the draft. Graph answers once it has accepted the message; it is delivered afterwards. */
    public void send(AccountSettings account, String draftId) {
        calls.call(
                account,
                "sendDraft",
                () -> calls.mailbox(account)
                        .messages()
                        .byMessageId(draftId)
                        .send()
                        .post());
    }

    public void delete(AccountSettings account, String draftId) {
        calls.call(
                account,
                "deleteDraft",
                () -> calls.mailbox(account).messages().byMessageId(draftId).delete());
    }

    /**
     * The message carrying {@code deliveryKey} in a well-known folder ({@code sentitems}, {@code drafts}), if any: its
     * id and Internet message id.
     */
    public Optional<Draft> findByKey(AccountSettings account, String folder, String deliveryKey) {
        var found = calls.call(
                account,
                "findByKey",
                () -> calls.mailbox(account)
                        .mailFolders()
                        .byMailFolderId(folder)
                        .messages()
                        .get(config -> {
                            config.queryParameters.filter = "singleValueExtendedProperties/Any(ep: ep/id eq '"
                                    + GraphMessages.DELIVERY_KEY_PROPERTY + "' and ep/value eq '" + deliveryKey + "')";
                            config.queryParameters.select = new String[] {"id", "internetMessageId"};
                        }));
        return found == null || found.getValue() == null || found.getValue().isEmpty()
                ? Optional.empty()
                : Optional.of(Draft.of(found.getValue().get(0)));
    }
}

package io.graphmail.worker.send.deliveries;

import io.graphmail.contract.send.AttachmentReference;
import io.graphmail.contract.send.MailAttachment;
import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.platform.hashing.Sha256;
import io.graphmail.worker.accounts.AccountSettings;
import io.graphmail.worker.graph.GraphDrafts;
import io.graphmail.worker.graph.GraphMailSender;
import io.graphmail.worker.graph.GraphRequestSizes;
import io.graphmail.worker.graph.UploadSessions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.util.Base64;
import org.springframework.stereotype.Component;

/**
 * Hands a message to Graph so that at-least-once delivery of the command still sends one email.
 *
 * <p>The message is created as a draft carrying the delivery key (an extended property), then sent; its id is
 * recorded with the delivery as sent, or, when a step after its creation fails, before the failure is handled. If an
 * earlier attempt may have got as far as sending (it created a draft, or it was interrupted, or Graph's answer never
 * came), the key is looked up
 * first: found in Sent Items, the message went out and is not sent again; found in Drafts, that
 * draft never went out and is replaced. A message without a copy in Sent Items cannot be looked up,
 * so it goes out with {@code sendMail} and at most once instead.
 */
@Component
class DeliveringOnce implements Delivering {

    private final GraphDrafts drafts;
    private final GraphMailSender sendMail;
    private final UploadSessions uploadSessions;
    private final StoredUploads uploads;
    private final Deliveries deliveries;

    DeliveringOnce(
            GraphDrafts drafts,
            GraphMailSender sendMail,
            UploadSessions uploadSessions,
            StoredUploads uploads,
            Deliveries deliveries) {
        this.drafts = drafts;
        this.sendMail = sendMail;
        this.uploadSessions = uploadSessions;
        this.uploads = uploads;
        this.deliveries = deliveries;
    }

    @Override
    public Delivered deliver(SendMailCommand command, AccountSettings account, Delivery delivery) {
        if (!command.keepsSentCopy()) {
            sendMail.send(command, account);
            return new Delivered(false, 1);
        }
        String key = command.deliveryKey();
        int requests = 0;
        if (delivery.mayHaveSent()) {
            requests++;
            var sent = drafts.findByKey(account, "sentitems", key);
            if (sent.isPresent()) {
                return new Delivered(true, requests, sent.get());
            }
            requests++;
            var unsent = drafts.findByKey(account, "drafts", key);
            if (unsent.isPresent()) {
                drafts.delete(account, unsent.get().id());
                requests++;
            }
        }
        // Inline attachments ride in the creating POST while it stays under Graph's 4 MB; else they follow one by one.
        boolean attachmentsInDraft = command.reply() == null && GraphRequestSizes.draftFitsWithAttachments(command);
        var draft = command.reply() == null
                ? drafts.create(command, account, attachmentsInDraft)
                : drafts.createReply(command, account);
        requests++;
        try {
            requests += complete(command, account, draft.id(), attachmentsInDraft);
            drafts.send(account, draft.id());
        } catch (RuntimeException notSent) {
            recordUnsent(key, draft, notSent);
            throw notSent;
        }
        return new Delivered(false, requests + 1, draft);
    }

    /**
     * Adds what the creating request could not carry; returns the Graph requests it took. An attachment that fails
     * (or a send that fails, or whose answer is lost) leaves the draft for the next attempt to look for.
     */
    private int complete(SendMailCommand command, AccountSettings account, String draftId, boolean attachmentsInDraft) {
        int requests = 0;
        if (!attachmentsInDraft) {
            for (MailAttachment attachment : command.attachments()) {
                requests += addInline(account, draftId, attachment);
            }
        }
        for (AttachmentReference attachment : command.storedAttachments()) {
            requests += attach(account, draftId, attachment);
        }
        return requests;
    }

    /**
     * The draft exists and may even have gone out (a send whose answer was lost): recorded, so that the next attempt
     * looks for it before sending again. A sent draft is recorded with the delivery as sent, in one write; a worker
     * that dies in between leaves the delivery to its in-flight lease, whose end marks it interrupted, which looks
     * too.
     */
    private void recordUnsent(String key, GraphDrafts.Draft draft, RuntimeException notSent) {
        try {
            deliveries.recordDraft(key, draft.id(), draft.internetMessageId());
        } catch (RuntimeException unrecorded) {
            unrecorded.addSuppressed(notSent);
            throw unrecorded;
        }
    }

    private int attach(AccountSettings account, String draftId, AttachmentReference attachment) {
        try (InputStream stored = uploads.open(attachment)) {
            var digest = new DigestInputStream(stored, Sha256.newDigest());
            int requests =
                    add(account, draftId, attachment.name(), attachment.contentType(), digest, attachment.size());
            String sha256 = Sha256.hex(digest.getMessageDigest());
            if (attachment.sha256() != null && !attachment.sha256().equalsIgnoreCase(sha256)) {
                throw new StoredUploads.UnusableUpload(attachment, "does not match its SHA-256");
            }
            return requests;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int addInline(AccountSettings account, String draftId, MailAttachment attachment) {
        byte[] content = Base64.getDecoder().decode(attachment.contentBase64());
        try {
            return add(
                    account,
                    draftId,
                    attachment.name(),
                    attachment.contentType(),
                    new ByteArrayInputStream(content),
                    content.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Adds a file to the draft in one POST when it fits one (under 3 MB, the request under 4 MB), else through an
     * upload session; returns the Graph requests it took.
     */
    private int add(
            AccountSettings account, String draftId, String name, String contentType, InputStream content, long size)
            throws IOException {
        if (GraphRequestSizes.fitsOnePost(size)) {
            drafts.attach(account, draftId, name, contentType, content.readAllBytes());
            return 1;
        }
        String uploadUrl = drafts.openUpload(account, draftId, name, contentType, size);
        return 1 + uploadSessions.upload(account.id(), uploadUrl, content, size);
    }
}

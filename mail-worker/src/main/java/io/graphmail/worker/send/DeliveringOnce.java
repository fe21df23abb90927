package io.graphmail.worker.send;

import io.graphmail.contract.send.AttachmentReference;
import io.graphmail.contract.send.SendMailCommand;
import io.graphmail.hashing.Sha256;
import io.graphmail.worker.accounts.AccountSettings;
import io.graphmail.worker.graph.GraphDrafts;
import io.graphmail.worker.graph.GraphMailSender;
import io.graphmail.worker.graph.UploadSessions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import org.springframework.stereotype.Component;

/**
 * Hands a message to Graph so that at-least-once delivery of the command still sends one email.
 *
 * <p>The message is created as a draft carrying the delivery key (an extended property), its id is
 * recorded, then the draft is sent. If an earlier attempt may have got as far as sending (it
 * created a draft, or it was interrupted, or Graph's answer never came), the key is looked up
 * first: found in Sent Items, the message went out and is not sent again; found in Drafts, that
 * draft never went out and is replaced. A message without a copy in Sent Items cannot be looked up,
 * so it goes out with {@code sendMail} and at most once instead.
 */
@Component
class DeliveringOnce {

    /** Graph's limit for a file added in one request; larger ones go through an upload session. */
    static final long INLINE_LIMIT = 3 * 1024 * 1024;

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

    /** What became of the message, and how many Graph requests it took. */
    record Delivered(boolean sentEarlier, int graphRequests) {}

    /**
     * @throws io.graphmail.worker.graph.GraphCallFailed when Graph refuses a step or cannot be reached
     */
    Delivered deliver(SendMailCommand command, AccountSettings account, Delivery delivery) {
        if (!command.keepsSentCopy()) {
            sendMail.send(command, account);
            return new Delivered(false, 1);
        }
        String key = command.deliveryKey();
        int requests = 0;
        if (delivery.mayHaveSent()) {
            requests++;
            if (drafts.findByKey(account, "sentitems", key).isPresent()) {
                return new Delivered(true, requests);
            }
            requests++;
            var unsent = drafts.findByKey(account, "drafts", key);
            if (unsent.isPresent()) {
                drafts.delete(account, unsent.get());
                requests++;
            }
        }
        String draftId =
                command.reply() == null ? drafts.create(command, account) : drafts.createReply(command, account);
        requests += command.reply() == null ? 1 : 1 + command.attachments().size();
        deliveries.recordDraft(key, draftId);
        for (AttachmentReference attachment : command.storedAttachments()) {
            requests += attach(account, draftId, attachment);
        }
        drafts.send(account, draftId);
        return new Delivered(false, requests + 1);
    }

    private int attach(AccountSettings account, String draftId, AttachmentReference attachment) {
        try (InputStream stored = uploads.open(attachment)) {
            var digest = new DigestInputStream(stored, Sha256.newDigest());
            int requests;
            if (attachment.size() <= INLINE_LIMIT) {
                drafts.attach(account, draftId, attachment.name(), attachment.contentType(), digest.readAllBytes());
                requests = 1;
            } else {
                String uploadUrl = drafts.openUpload(
                        account, draftId, attachment.name(), attachment.contentType(), attachment.size());
                requests = 1 + uploadSessions.upload(uploadUrl, digest, attachment.size());
            }
            String sha256 = Sha256.hex(digest.getMessageDigest());
            if (attachment.sha256() != null && !attachment.sha256().equalsIgnoreCase(sha256)) {
                throw new StoredUploads.UnusableUpload(attachment, "does not match its SHA-256");
            }
            return requests;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.graphmail.worker.graph;

import com.microsoft.graph.models.FileAttachment;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.users.item.UserItemRequestBuilder;
import com.microsoft.graph.users.item.mailfolders.item.messages.delta.DeltaRequestBuilder;
import com.microsoft.kiota.RequestHeaders;
import com.microsoft.kiota.RequestInformation;
import io.graphmail.worker.accounts.AccountSettings;
import io.graphmail.worker.pacing.MailboxBudget;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Reads mail folders through Graph's delta query, always with immutable ids and the page size we
 * ask for, and fetches attachments. Every call is timed like sends are, and takes a place in the
 * mailbox's budget of concurrent requests, which sends share; a 429 holds the mailbox for its
 * {@code Retry-After}, after which the call is tried again.
 */
@Component
public class GraphMailboxReader implements MailboxReader {

    /** The message properties we store; Graph returns only these. */
    static final String[] SELECTED = {
        "subject",
        "from",
        "sender",
        "toRecipients",
        "ccRecipients",
        "bccRecipients",
        "replyTo",
        "receivedDateTime",
        "sentDateTime",
        "conversationId",
        "internetMessageId",
        "parentFolderId",
        "bodyPreview",
        "body",
        "importance",
        "isRead",
        "isDraft",
        "hasAttachments",
        "categories",
        "flag",
        "webLink"
    };

    /** The message properties the worker asks Graph for ({@code $select}), for benchmarks that read the same pages. */
    public static List<String> selectedProperties() {
        return List.of(SELECTED);
    }

    /** A read Graph keeps throttling fails after this many tries; the sync round resumes later. */
    static final int THROTTLED_ATTEMPTS = 3;

    private final GraphCalls calls;
    private final MailboxBudget budget;
    private final String graphRoot;

    GraphMailboxReader(GraphCalls calls, MailboxBudget budget, GraphProperties properties) {
        this.calls = calls;
        this.budget = budget;
        String base = properties.baseUrl().toString();
        this.graphRoot = base.endsWith("/") ? base : base + "/";
    }

    @Override
    public MailFolder folder(AccountSettings account, String wellKnownName) {
        var folder = call(
                account,
                "getMailFolder",
                () -> user(account).mailFolders().byMailFolderId(wellKnownName).get());
        return new MailFolder(folder.getId(), folder.getDisplayName());
    }

    @Override
    public DeltaPage firstDeltaPage(AccountSettings account, String folderId, LocalDate from, int pageSize) {
        DeltaRequestBuilder delta =
                user(account).mailFolders().byMailFolderId(folderId).messages().delta();
        return readDelta(
                account,
                () -> delta.toGetRequestInformation(config -> {
                    config.queryParameters.select = SELECTED;
                    if (from != null) {
                        config.queryParameters.filter =
                                "receivedDateTime ge " + from.atStartOfDay().toInstant(ZoneOffset.UTC);
                    }
                    prefer(config.headers, pageSize);
                }));
    }

    @Override
    public DeltaPage deltaPage(AccountSettings account, String link, int pageSize) {
        if (!link.startsWith(graphRoot)) {
            // Stored under another Graph root (the base URL changed since): lost state, not a host to follow.
            throw GraphCallFailed.linkOutsideGraph();
        }
        DeltaRequestBuilder delta = user(account)
                .mailFolders()
                .byMailFolderId("inbox")
                .messages()
                .delta()
                .withUrl(link);
        return readDelta(account, () -> delta.toGetRequestInformation(config -> prefer(config.headers, pageSize)));
    }

    /** The message class as the extended property Graph names {@code String 0x001A} (PidTagMessageClass). */
    static final String MESSAGE_CLASS = "String 0x001A";

    @Override
    public Optional<String> messageClass(AccountSettings account, String messageId) {
        var message = call(
                account,
                "getMessageClass",
                () -> user(account).messages().byMessageId(messageId).get(config -> {
                    config.queryParameters.select = new String[] {"id"};
                    config.queryParameters.expand =
                            new String[] {"singleValueExtendedProperties($filter=id eq '" + MESSAGE_CLASS + "')"};
                    config.headers.add("Prefer", "IdType=\"ImmutableId\"");
                }));
        var properties = message == null ? null : message.getSingleValueExtendedProperties();
        return properties == null
                ? Optional.empty()
                // Only the expanded property comes back; Graph may write its id differently ("String 0x1a").
                : properties.stream().map(property -> property.getValue()).findFirst();
    }

    @Override
    public List<AttachmentInfo> attachments(AccountSettings account, String messageId) {
        var page = call(
                account,
                "listAttachments",
                () -> user(account)
                        .messages()
                        .byMessageId(messageId)
                        .attachments()
                        .get(config -> config.queryParameters.select =
                                new String[] {"id", "name", "contentType", "size", "isInline"}));
        if (page == null || page.getValue() == null) {
            return List.of();
        }
        return page.getValue().stream()
                .map(attachment -> new AttachmentInfo(
                        attachment.getId(),
                        attachment.getName(),
                        attachment.getContentType(),
                        attachment.getSize() == null ? 0 : attachment.getSize(),
                        Boolean.TRUE.equals(attachment.getIsInline()),
                        attachment instanceof FileAttachment))
                .toList();
    }

    @Override
    public byte[] attachmentContent(AccountSettings account, String messageId, String attachmentId) {
        var attachment = call(
                account,
                "getAttachment",
                () -> user(account)
                        .messages()
                        .byMessageId(messageId)
                        .attachments()
                        .byAttachmentId(attachmentId)
                        .get());
        return attachment instanceof FileAttachment file && file.getContentBytes() != null
                ? file.getContentBytes()
                : new byte[0];
    }

    /** One {@code Prefer} header with both preferences, comma-separated, as Graph's pages write it. */
    static void prefer(RequestHeaders headers, int pageSize) {
        headers.add("Prefer", "odata.maxpagesize=" + pageSize + ", IdType=\"ImmutableId\"");
    }

    private UserItemRequestBuilder user(AccountSettings account) {
        return calls.mailbox(account);
    }

    private <T> T call(AccountSettings account, String operation, Supplier<T> request) {
        for (int attempt = 1; ; attempt++) {
            try {
                return budget.call(account, () -> calls.call(account, operation, request));
            } catch (GraphCallFailed failure) {
                if (failure.status() != 429 || attempt >= THROTTLED_ATTEMPTS) {
                    throw failure;
                }
                budget.throttled(account.id(), failure.retryAfter().orElse(Duration.ofSeconds(1)));
            }
        }
    }

    /**
     * Sends the SDK's delta request through its adapter (auth, middleware, Graph's errors as {@link ODataError}, as
     * {@code DeltaRequestBuilder.get} does) but reads the answer as it comes, straight into the stored fields: the
     * SDK's models would first build a JSON tree and a backing store for every message. Each attempt gets a request
     * of its own, as the adapter adds the token to it.
     */
    private DeltaPage readDelta(AccountSettings account, Supplier<RequestInformation> request) {
        return call(account, "delta", () -> {
            try (InputStream body =
                    calls.adapter(account).sendPrimitive(request.get(), GraphCalls.odataErrors(), InputStream.class)) {
                if (body == null) {
                    throw new IllegalStateException("Graph answered a delta request without a body");
                }
                return DeltaPageJson.read(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}

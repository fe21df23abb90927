package io.graphmail.gateway.messages;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;

/** Translates a {@link MessageQuery} into MongoDB criteria over the {@code messages} collection. */
final class MessageCriteria {

    private static final Pattern REGEX_SPECIAL = Pattern.compile("[\\\\^$.|?*+()\\[\\]{}]");

    private MessageCriteria() {}

    static Criteria of(MessageQuery messageQuery) {
        MessageFilter filter = messageQuery.filter();
        List<Criteria> all = new ArrayList<>();
        all.add(where("accountId").is(filter.accountId()));
        all.add(received(filter));
        if (!filter.includeDeleted()) {
            all.add(where("deletedAt").is(null));
        }
        if (filter.from() != null) {
            all.add(where("from.address").regex(exactly(filter.from()), "i"));
        }
        if (filter.to() != null) {
            all.add(anyOf(exactly(filter.to()), "to.address", "cc.address", "bcc.address"));
        }
        if (filter.subject() != null) {
            all.add(where("subject").regex(literal(filter.subject()), "i"));
        }
        if (filter.text() != null) {
            all.add(anyOf(literal(filter.text()), "subject", "bodyPreview"));
        }
        if (filter.folder() != null) {
            all.add(anyOf(exactly(filter.folder()), "folder", "folderName"));
        }
        if (filter.conversationId() != null) {
            all.add(where("conversationId").is(filter.conversationId()));
        }
        if (filter.hasAttachments() != null) {
            all.add(where("hasAttachments").is(filter.hasAttachments()));
        }
        if (filter.isRead() != null) {
            all.add(where("isRead").is(filter.isRead()));
        }
        if (messageQuery.after() != null) {
            all.add(after(messageQuery.after(), messageQuery.direction()));
        }
        return new Criteria().andOperator(all);
    }

    private static Criteria received(MessageFilter filter) {
        Criteria received = where("receivedDateTime").ne(null);
        if (filter.receivedAfter() != null) {
            received = received.gte(filter.receivedAfter());
        }
        if (filter.receivedBefore() != null) {
            received = received.lt(filter.receivedBefore());
        }
        return received;
    }

    /** Keyset pagination: strictly beyond the position in the order (receivedDateTime, _id). */
    private static Criteria after(PagePosition position, Sort.Direction direction) {
        if (direction.isAscending()) {
            return new Criteria()
                    .orOperator(
                            where("receivedDateTime").gt(position.receivedDateTime()),
                            where("receivedDateTime")
                                    .is(position.receivedDateTime())
                                    .and("_id")
                                    .gt(position.id()));
        }
        return new Criteria()
                .orOperator(
                        where("receivedDateTime").lt(position.receivedDateTime()),
                        where("receivedDateTime")
                                .is(position.receivedDateTime())
                                .and("_id")
                                .lt(position.id()));
    }

    private static Criteria anyOf(String regex, String... fields) {
        return new Criteria()
                .orOperator(Arrays.stream(fields)
                        .map(field -> where(field).regex(regex, "i"))
                        .toList());
    }

    private static String exactly(String text) {
        return "^" + literal(text) + "$";
    }

    /** A regular expression matching the text literally, whatever characters it holds. */
    static String literal(String text) {
        return REGEX_SPECIAL.matcher(text).replaceAll(match -> Matcher.quoteReplacement("\\" + match.group()));
    }
}

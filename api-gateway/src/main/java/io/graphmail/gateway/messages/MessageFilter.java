package io.graphmail.gateway.messages;

import io.graphmail.platform.hashing.Sha256;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which of an account's messages to list; null fields do not filter.
 *
 * @param from the sender's address, matched case-insensitively and exactly
 * @param to an address among to, cc and bcc, matched case-insensitively and exactly
 * @param subject text the subject contains, case-insensitively
 * @param text text the subject or the body preview contains, case-insensitively
 * @param folder a well-known folder name ({@code inbox}, {@code sentitems}) or a display name
 * @param receivedAfter inclusive lower bound of receivedDateTime
 * @param receivedBefore exclusive upper bound of receivedDateTime
 * @param includeDeleted whether messages gone from the mailbox ({@code deletedAt} set) are listed
 */
record MessageFilter(
        String accountId,
        String from,
        String to,
        String subject,
        String text,
        String folder,
        Instant receivedAfter,
        Instant receivedBefore,
        String conversationId,
        Boolean hasAttachments,
        Boolean isRead,
        boolean includeDeleted) {

    /** A short digest of this filter, so that a cursor is only used with the filter it was issued for. */
    String fingerprint() {
        String canonical = Stream.of(
                        accountId,
                        from,
                        to,
                        subject,
                        text,
                        folder,
                        receivedAfter,
                        receivedBefore,
                        conversationId,
                        hasAttachments,
                        isRead,
                        includeDeleted)
                .map(String::valueOf)
                .collect(Collectors.joining("\u0000"));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(Sha256.of(canonical), 9));
    }
}

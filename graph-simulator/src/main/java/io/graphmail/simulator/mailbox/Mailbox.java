package io.graphmail.simulator.mailbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One mailbox's messages in filing order, the log of every change to them, and the log of what it sent. Thread-safe.
 */
public final class Mailbox {

    private final Map<String, Message> messages = new LinkedHashMap<>();
    private final List<Delivery> sent = new ArrayList<>();
    private final Outbox outbox = new Outbox();
    private final ChangeLog changes = new ChangeLog();
    private final DeltaCounts deltaCounts = new DeltaCounts();
    private final DraftCounts draftCounts = new DraftCounts();
    private final PreferHeaderCounts preferHeaders = new PreferHeaderCounts();
    private final String address;
    private final Consumer<MessageChanged> changed;

    Mailbox(String address, Consumer<MessageChanged> changed) {
        this.address = address;
        this.changed = changed;
    }

    /** Files a message, replacing one with the same id so that seeding twice does not duplicate. */
    public synchronized void file(Message message) {
        Message before = messages.remove(message.id());
        messages.put(message.id(), message);
        record(before, message);
    }

    /** A message accepted for delivery, delivered at {@code deliveredAt}: now, or later when over the rate. */
    public record Delivery(Message message, Instant deliveredAt) {}

    /**
     * Records a sent message; Graph keeps a copy in Sent Items only when asked to. Exchange's sending limits then
     * decide when it is delivered, or whether it bounces with a report in the Inbox.
     */
    public synchronized void recordSent(Message message, boolean saveToSentItems, String address, Outbox.Rules rules) {
        if (saveToSentItems) {
            file(message);
        }
        dispatch(message, address, rules);
    }

    /**
     * Sends a draft: replaces it by what {@code sending} makes of it (which refuses what is not a draft) and records
     * that as sent, in one step, so that a draft is never sent twice.
     */
    public synchronized Optional<Message> sendDraft(
            String id, UnaryOperator<Message> sending, String address, Outbox.Rules rules) {
        Optional<Message> sentCopy = update(id, sending);
        sentCopy.ifPresent(message -> dispatch(message, address, rules));
        return sentCopy;
    }

    private void dispatch(Message message, String address, Outbox.Rules rules) {
        Outbox.Outcome outcome = outbox.submit(message, rules);
        if (outcome instanceof Outbox.Delivered delivered) {
            sent.add(new Delivery(message, delivered.at()));
            message.allRecipients()
                    .map(recipient -> recipient.emailAddress() == null
                            ? null
                            : recipient.emailAddress().address())
                    .forEach(recipient -> rules.undeliverable()
                            .reasonFor(recipient)
                            .ifPresent(reason ->
                                    file(NonDeliveryReports.of(message, reason, recipient, address, rules.now())
                                            .filedIn(Folder.INBOX, rules.now()))));
        } else if (outcome instanceof Outbox.Bounced bounced) {
            file(NonDeliveryReports.of(message, bounced.reason(), null, address, rules.now())
                    .filedIn(Folder.INBOX, rules.now()));
        }
    }

    /** Replaces a message by what {@code change} makes of it, keeping its place in filing order. */
    public synchronized Optional<Message> update(String id, UnaryOperator<Message> change) {
        Message current = messages.get(id);
        if (current == null) {
            return Optional.empty();
        }
        Message changed = change.apply(current);
        messages.put(id, changed);
        record(current, changed);
        return Optional.of(changed);
    }

    public synchronized boolean delete(String id) {
        Message removed = messages.remove(id);
        if (removed == null) {
            return false;
        }
        record(removed, null);
        return true;
    }

    private void record(Message before, Message after) {
        Message either = after == null ? before : after;
        changes.record(either.id(), after);
        changed.accept(new MessageChanged(
                address,
                either.id(),
                before == null ? null : before.parentFolderId(),
                after == null ? null : after.parentFolderId(),
                either.changeKey()));
    }

    public synchronized List<Message> messages() {
        return List.copyOf(messages.values());
    }

    public synchronized List<Message> messagesIn(Folder folder) {
        return messages.values().stream()
                .filter(message -> folder.id().equals(message.parentFolderId()))
                .toList();
    }

    public synchronized Optional<Message> find(String id) {
        return Optional.ofNullable(messages.get(id));
    }

    /** What was delivered by {@code now}, in send order. */
    public synchronized List<Delivery> delivered(Instant now) {
        return sent.stream()
                .filter(delivery -> !delivery.deliveredAt().isAfter(now))
                .toList();
    }

    /** What was accepted but waits for its delivery slot after {@code now}. */
    public synchronized List<Delivery> pending(Instant now) {
        return sent.stream()
                .filter(delivery -> delivery.deliveredAt().isAfter(now))
                .toList();
    }

    public synchronized ChangeLog.Position changePosition() {
        return changes.position();
    }

    public synchronized List<ChangeLog.Change> changesUpTo(long sequence) {
        return changes.upTo(sequence);
    }

    public synchronized long expireSyncStates() {
        return changes.expire();
    }

    public DeltaCounts deltaCounts() {
        return deltaCounts;
    }

    public PreferHeaderCounts preferHeaders() {
        return preferHeaders;
    }

    public DraftCounts draftCounts() {
        return draftCounts;
    }
}

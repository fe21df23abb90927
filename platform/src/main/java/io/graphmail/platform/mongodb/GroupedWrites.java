package io.graphmail.platform.mongodb;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Writes that many threads make one at a time, made together: a thread hands in its item and waits until a write that
 * holds it has returned. Whichever waiting thread finds no write running makes the next one, with everything handed in
 * meanwhile (at most {@code most}); so a lone thread writes at once, and threads that arrive while a write runs share
 * the next. Each MongoDB command costs a round trip and a commit of its own; a bulk write of a few dozen costs about
 * what one does.
 *
 * <p>Hand-written: the drivers batch only what one thread hands them, and a reactive buffer would add a timer's wait
 * to every write made alone.
 *
 * @param <T> what a thread hands in
 * @param <R> what it gets back
 */
public final class GroupedWrites<T, R> {

    private final int most;
    private final Function<List<T>, List<R>> write;
    private final List<Pending<T, R>> waiting = new ArrayList<>();
    private boolean writing;

    /**
     * @param most the most items one write takes
     * @param write writes the items together; answers one result per item, in their order, or throws for them all
     */
    public GroupedWrites(int most, Function<List<T>, List<R>> write) {
        if (most < 1) {
            throw new IllegalArgumentException("most must be positive: " + most);
        }
        this.most = most;
        this.write = write;
    }

    /** Writes {@code item} together with those handed in meanwhile; rethrows what the write threw. */
    public R write(T item) {
        var pending = new Pending<T, R>(item, new CompletableFuture<>());
        synchronized (this) {
            waiting.add(pending);
        }
        while (!pending.result().isDone()) {
            List<Pending<T, R>> group = nextGroup(pending);
            if (group != null) {
                writeGroup(group);
            }
        }
        try {
            return pending.result().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** The group this thread is to write, or null once its item is written. */
    private synchronized List<Pending<T, R>> nextGroup(Pending<T, R> pending) {
        // Its item may be in the write under way: it waits for its result even when interrupted.
        boolean interrupted = Thread.interrupted();
        try {
            while (writing && !pending.result().isDone()) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (pending.result().isDone()) {
            return null;
        }
        writing = true;
        var group = new ArrayList<>(waiting.subList(0, Math.min(most, waiting.size())));
        waiting.subList(0, group.size()).clear();
        return group;
    }

    /** Items handed in and not yet taken into a write. */
    synchronized int waiting() {
        return waiting.size();
    }

    private void writeGroup(List<Pending<T, R>> group) {
        try {
            List<R> results = write.apply(group.stream().map(Pending::item).toList());
            if (results.size() != group.size()) {
                throw new IllegalStateException("%d results for %d items".formatted(results.size(), group.size()));
            }
            for (int i = 0; i < group.size(); i++) {
                group.get(i).result().complete(results.get(i));
            }
        } catch (RuntimeException | Error e) {
            group.forEach(pending -> pending.result().completeExceptionally(e));
        } finally {
            synchronized (this) {
                writing = false;
                notifyAll();
            }
        }
    }

    private record Pending<T, R>(T item, CompletableFuture<R> result) {}
}

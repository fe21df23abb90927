package io.graphmail.platform.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupedWritesTests {

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<List<Integer>> groups = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch firstWriteHeld = new CountDownLatch(1);
    private final CountDownLatch releaseFirstWrite = new CountDownLatch(1);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aWriteMadeAloneGoesAtOnceByItself() {
        var writes = new GroupedWrites<Integer, String>(
                10,
                recorded(items -> items.stream().map(item -> "written " + item).toList()));

        assertThat(writes.write(1)).isEqualTo("written 1");
        assertThat(writes.write(2)).isEqualTo("written 2");
        assertThat(groups).containsExactly(List.of(1), List.of(2));
    }

    @Test
    void itemsHandedInWhileAWriteRunsShareTheNextAndEachThreadGetsItsOwnResult() throws Exception {
        var writes = new GroupedWrites<Integer, Integer>(
                10, firstHeld(items -> items.stream().map(item -> item * 10).toList()));
        Future<Integer> first = startHeldWrite(writes);
        var later = handIn(writes, 1, 5);

        releaseFirstWrite.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isZero();
        for (int item = 1; item <= 5; item++) {
            assertThat(later.get(item - 1).get(10, TimeUnit.SECONDS)).isEqualTo(item * 10);
        }
        assertThat(groups).hasSize(2);
        assertThat(groups.get(1)).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    }

    @Test
    void aWriteTakesAtMostItsLimitAndTheRestFollow() throws Exception {
        var writes = new GroupedWrites<Integer, Integer>(2, firstHeld(items -> items));
        startHeldWrite(writes);
        var later = handIn(writes, 1, 5);

        releaseFirstWrite.countDown();

        for (int item = 1; item <= 5; item++) {
            assertThat(later.get(item - 1).get(10, TimeUnit.SECONDS)).isEqualTo(item);
        }
        assertThat(groups).hasSize(4).allSatisfy(group -> assertThat(group).hasSizeLessThanOrEqualTo(2));
    }

    @Test
    void aFailedWriteFailsForEveryItemInItAndTheNextWriteIsMade() throws Exception {
        var writes = new GroupedWrites<Integer, Integer>(10, firstHeld(items -> {
            if (items.contains(1)) {
                throw new IllegalStateException("MongoDB went away");
            }
            return items;
        }));
        startHeldWrite(writes);
        var failing = handIn(writes, 1, 2);

        releaseFirstWrite.countDown();

        for (Future<Integer> failed : failing) {
            assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IllegalStateException.class)
                    .hasRootCauseMessage("MongoDB went away");
        }
        assertThat(writes.write(3)).isEqualTo(3);
    }

    @Test
    void aWriteAnsweringForTooFewItemsFailsRatherThanHandOutWrongResults() {
        var writes = new GroupedWrites<Integer, Integer>(10, items -> List.of());

        assertThatThrownBy(() -> writes.write(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("0 results for 1 items");
    }

    @Test
    void manyThreadsEachGetTheirOwnResult() throws Exception {
        var writes = new GroupedWrites<Integer, Integer>(
                8, recorded(items -> items.stream().map(item -> -item).toList()));
        var results = new ArrayList<Future<Integer>>();
        for (int item = 1; item <= 2_000; item++) {
            int handedIn = item;
            results.add(threads.submit(() -> writes.write(handedIn)));
        }

        for (int item = 1; item <= 2_000; item++) {
            assertThat(results.get(item - 1).get(30, TimeUnit.SECONDS)).isEqualTo(-item);
        }
        assertThat(groups.stream().mapToInt(List::size).sum()).isEqualTo(2_000);
        assertThat(groups).allSatisfy(group -> assertThat(group).hasSizeLessThanOrEqualTo(8));
    }

    /** {@code write}, recorded, whose group holding item 0 waits until {@link #releaseFirstWrite}. */
    private <R> Function<List<Integer>, List<R>> firstHeld(Function<List<Integer>, List<R>> write) {
        return recorded(items -> {
            if (items.contains(0)) {
                firstWriteHeld.countDown();
                awaitReleased(releaseFirstWrite);
            }
            return write.apply(items);
        });
    }

    /** Writes item 0 on a thread of its own, and returns once its write is under way. */
    private Future<Integer> startHeldWrite(GroupedWrites<Integer, Integer> writes) throws InterruptedException {
        Future<Integer> first = threads.submit(() -> writes.write(0));
        assertThat(firstWriteHeld.await(10, TimeUnit.SECONDS)).isTrue();
        return first;
    }

    /** Hands in items {@code from} to {@code to}, each on a thread of its own; returns once all wait. */
    private List<Future<Integer>> handIn(GroupedWrites<Integer, Integer> writes, int from, int to)
            throws InterruptedException {
        var handedIn = new ArrayList<Future<Integer>>();
        for (int item = from; item <= to; item++) {
            int each = item;
            handedIn.add(threads.submit(() -> writes.write(each)));
        }
        awaitWaiting(writes, to - from + 1);
        return handedIn;
    }

    private <R> Function<List<Integer>, List<R>> recorded(Function<List<Integer>, List<R>> write) {
        return items -> {
            groups.add(List.copyOf(items));
            return write.apply(items);
        };
    }

    private static void awaitReleased(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitWaiting(GroupedWrites<?, ?> writes, int count) {
        await().atMost(Duration.ofSeconds(10)).until(writes::waiting, waiting -> waiting >= count);
    }
}

package io.graphmail.simulator.throttling;

import static java.util.concurrent.TimeUnit.SECONDS;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/** Requests that reach the simulator at the same moment, as concurrent clients' would. */
final class ConcurrentRequests {

    private ConcurrentRequests() {}

    /** Starts the requests together, each on its own thread, and waits for all answers. */
    static <T> List<T> concurrently(int requests, Supplier<T> request) throws Exception {
        var start = new CountDownLatch(1);
        var threads = Executors.newFixedThreadPool(requests);
        try {
            var answers = new ArrayList<Future<T>>();
            for (int i = 0; i < requests; i++) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return request.get();
                }));
            }
            start.countDown();
            var responses = new ArrayList<T>();
            for (var answer : answers) {
                responses.add(answer.get(30, SECONDS));
            }
            return responses;
        } finally {
            threads.shutdownNow();
        }
    }
}

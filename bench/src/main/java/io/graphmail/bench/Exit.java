package io.graphmail.bench;

/**
 * Ends the benchmark's JVM once its body has run, failed or not: the servers it starts in-process (MongoDB, the
 * simulator) would otherwise keep it alive, and the exit runs the hook that deletes the RabbitMQ virtual host.
 */
final class Exit {

    private Exit() {}

    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    static void after(Body body) {
        int status = 0;
        try {
            body.run();
        } catch (Exception | Error e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }
}

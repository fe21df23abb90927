package io.graphmail.testsupport;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A RabbitMQ virtual host of its own for one test JVM on the shared local broker, so that queues
 * and messages never leak between runs or into a locally running stack. Deleted when the JVM ends.
 */
final class LocalVirtualHost {

    private LocalVirtualHost() {}

    static String create() {
        String name = "graphmail-test-" + UUID.randomUUID().toString().substring(0, 8);
        if (!rabbitmqctl("add_vhost", name)) {
            System.err.println("rabbitmqctl unavailable: tests share the default virtual host");
            return "";
        }
        rabbitmqctl("set_permissions", "-p", name, "guest", ".*", ".*", ".*");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> rabbitmqctl("delete_vhost", name)));
        return name;
    }

    private static boolean rabbitmqctl(String... arguments) {
        String[] command = new String[arguments.length + 1];
        command[0] = "rabbitmqctl";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

package io.graphmail.faults;

import java.io.IOException;
import java.net.Socket;
import java.util.stream.IntStream;

/** The suite's ports, counted from a base (FAULTS_PORT_BASE, default 28000) away from the local stack's. */
public record Ports(int base) {

    int gateway() {
        return base + 80;
    }

    int gatewayManagement() {
        return base + 81;
    }

    int worker(int index) {
        return base + 82 + 2 * index;
    }

    int workerManagement(int index) {
        return base + 83 + 2 * index;
    }

    public int simulator() {
        return base + 89;
    }

    int simulatorHttps() {
        return base + 443;
    }

    public int mongo() {
        return base + 17;
    }

    public int amqp() {
        return base + 672;
    }

    int rabbitDistribution() {
        return base + 673;
    }

    /** Fails when one of the ports already answers: another run or another program holds it. */
    public void requireFree() {
        IntStream.of(
                        gateway(),
                        gatewayManagement(),
                        worker(0),
                        workerManagement(0),
                        worker(1),
                        workerManagement(1),
                        simulator(),
                        simulatorHttps(),
                        mongo(),
                        amqp(),
                        rabbitDistribution())
                .filter(Ports::accepts)
                .findFirst()
                .ifPresent(port -> {
                    throw new IllegalStateException("port " + port + " is taken; set FAULTS_PORT_BASE to another base");
                });
    }

    public static boolean accepts(int port) {
        try (var socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

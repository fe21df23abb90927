package io.graphmail.gateway;

import io.graphmail.testsupport.RunningSimulator;
import io.graphmail.testsupport.TestAccounts;
import io.graphmail.testsupport.TestBackends;
import io.graphmail.worker.MailWorkerApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/** Real mail workers beside a gateway test, against its broker, database and simulator. */
public final class MailWorkers {

    private MailWorkers() {}

    /** A worker on random ports, without JMX, configured further by {@code extraArguments}; close it when done. */
    public static ConfigurableApplicationContext start(RunningSimulator simulator, String... extraArguments) {
        var arguments = new ArrayList<>(List.of(TestBackends.arguments()));
        arguments.addAll(List.of(TestAccounts.workerArguments(simulator)));
        arguments.addAll(List.of("--server.port=0", "--management.server.port=0", "--spring.jmx.enabled=false"));
        arguments.addAll(List.of(extraArguments));
        return MailWorkerApplication.builder().run(arguments.toArray(String[]::new));
    }
}

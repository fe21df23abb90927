package io.graphmail.worker;

import io.graphmail.testsupport.RunningSimulator;
import io.graphmail.testsupport.TestAccounts;
import io.graphmail.testsupport.TestBackends;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/** A second mail worker on the same broker, database and simulator, for tests that stop one mid-work. */
public final class AnotherWorker {

    private AnotherWorker() {}

    /** Starts it with {@code extraArguments} ({@code --name=value}); close it to stop it. */
    public static ConfigurableApplicationContext start(RunningSimulator simulator, String... extraArguments) {
        var arguments = new ArrayList<>(List.of(TestBackends.arguments()));
        arguments.addAll(List.of(TestAccounts.workerArguments(simulator)));
        arguments.addAll(List.of("--server.port=0", "--management.server.port=0", "--spring.jmx.enabled=false"));
        arguments.addAll(List.of(extraArguments));
        return MailWorkerApplication.builder().run(arguments.toArray(String[]::new));
    }
}

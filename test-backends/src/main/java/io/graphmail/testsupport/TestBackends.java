package io.graphmail.testsupport;

import de.bwaldvogel.mongo.MongoServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.RabbitMQContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * Chooses the RabbitMQ and MongoDB that integration tests run against, once per JVM.
 *
 * <ol>
 *   <li>{@code RABBITMQ_URI} / {@code MONGODB_URI} from the environment, when set;
 *   <li>otherwise Testcontainers, where a Docker engine answers;
 *   <li>otherwise the local RabbitMQ on 127.0.0.1:5672, in a throwaway virtual host, and an
 *       in-process mongo-java-server on a random port.
 * </ol>
 */
public final class TestBackends {

    private static final boolean DOCKER = dockerAvailable();
    private static final URI RABBIT = URI.create(chooseRabbit());
    private static final String MONGO = chooseMongo();

    private TestBackends() {}

    /** Registers Boot's RabbitMQ and MongoDB connection properties for the chosen backends. */
    public static void register(DynamicPropertyRegistry registry) {
        properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    /** The same properties as command-line arguments, for starting another application. */
    public static String[] arguments() {
        return properties().entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
    }

    private static Map<String, String> properties() {
        return Map.of("spring.rabbitmq.addresses", RABBIT.toString(), "spring.mongodb.uri", MONGO);
    }

    /** The AMQP URI of the chosen broker, including its virtual host. */
    public static URI rabbitUri() {
        return RABBIT;
    }

    /**
     * A broker no other application context of this JVM uses: on the local RabbitMQ a virtual host of its own, for a
     * test whose listeners must not compete with those of contexts cached by earlier tests; otherwise the chosen one.
     */
    public static URI isolatedRabbitUri() {
        String fromEnv = System.getenv("RABBITMQ_URI");
        if ((fromEnv == null || fromEnv.isBlank()) && !DOCKER) {
            return URI.create("amqp://guest:guest@127.0.0.1:5672/" + LocalVirtualHost.create());
        }
        return RABBIT;
    }

    /** The MongoDB connection string, including a database name. */
    public static String mongoUri() {
        return MONGO;
    }

    private static String chooseRabbit() {
        String fromEnv = System.getenv("RABBITMQ_URI");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        if (DOCKER) {
            RabbitMQContainer container = new RabbitMQContainer("rabbitmq:3.13-management");
            container.start();
            return "amqp://guest:guest@%s:%d/".formatted(container.getHost(), container.getAmqpPort());
        }
        return "amqp://guest:guest@127.0.0.1:5672/" + LocalVirtualHost.create();
    }

    private static String chooseMongo() {
        String fromEnv = System.getenv("MONGODB_URI");
        String database = "graphmail-test-" + UUID.randomUUID().toString().substring(0, 8);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return withDatabase(fromEnv, database);
        }
        if (DOCKER) {
            MongoDBContainer container = new MongoDBContainer("mongo:7.0");
            container.start();
            return withDatabase(container.getConnectionString(), database);
        }
        MongoServer server = new MongoServer(new IdIndexedMemoryBackend());
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        return "mongodb://127.0.0.1:%d/%s".formatted(address.getPort(), database);
    }

    private static String withDatabase(String uri, String database) {
        URI parsed = URI.create(uri);
        String query = parsed.getRawQuery() == null ? "" : "?" + parsed.getRawQuery();
        return "%s://%s/%s%s".formatted(parsed.getScheme(), parsed.getRawAuthority(), database, query);
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}

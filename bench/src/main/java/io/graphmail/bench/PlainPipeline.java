package io.graphmail.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The pipeline's unavoidable I/O done by the simplest code: consumers (as many as the workers have, prefetch 10) take
 * the very commands the gateway published, and for each make the same two Graph requests to the same simulator
 * (create a draft carrying the delivery key, send it) with java.net.http, write one MongoDB document, publish one
 * event with a publisher confirm, update one status document and acknowledge the command. No retries, no pacing, no
 * exactly-once lookup, no metrics: the floor graphmail's worker is compared with.
 */
final class PlainPipeline implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DELIVERY_KEY_PROPERTY =
            "String {9b7c2d1e-5a3f-4c8e-b6d0-7e1f2a3b4c5d} Name graphmailDeliveryKey";
    private static final AMQP.BasicProperties PERSISTENT_JSON = new AMQP.BasicProperties.Builder()
            .contentType("application/json")
            .deliveryMode(2)
            .build();

    private final ExecutorService consumerThreads;
    private final Connection connection;
    private final MongoClient mongo;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String graphBase;
    private final String token;
    private final String eventQueue;
    /** Command ids delivered so far: the gateway may publish a command twice (at least once), graphmail's worker too. */
    private final Set<String> delivered = ConcurrentHashMap.newKeySet();

    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    /** Where the deliveries came from: the gateway's publish, or a worker's delay queue (see {@link Origins}). */
    private final Origins origins = new Origins();

    PlainPipeline(URI amqp, int mongoPort, String graphBase, String token, int maxConsumers) throws Exception {
        this.consumerThreads = Executors.newFixedThreadPool(maxConsumers);
        var factory = new ConnectionFactory();
        factory.setUri(amqp);
        this.connection = factory.newConnection(consumerThreads, "graphmail-bench-plain");
        this.mongo = MongoClients.create("mongodb://127.0.0.1:" + mongoPort);
        this.graphBase = graphBase;
        this.token = token;
        try (Channel admin = connection.createChannel()) {
            this.eventQueue = "bench.plain.events." + UUID.randomUUID();
            admin.queueDeclare(eventQueue, true, false, false, Map.of("x-queue-type", "quorum"));
        }
    }

    /** Consumes {@code count} commands from {@code queue} with {@code consumers} consumers; returns the nanoseconds. */
    long run(String queue, int count, int consumers) throws Exception {
        var database = mongo.getDatabase("graphmail_bench");
        MongoCollection<Document> deliveries = database.getCollection("plain_deliveries");
        MongoCollection<Document> statuses = database.getCollection("plain_mail");
        long start = System.nanoTime();
        try (var run = new ConsumerChannels(connection, count)) {
            for (int i = 0; i < consumers; i++) {
                Channel channel = run.open();
                Channel events = run.open();
                events.confirmSelect();
                channel.basicQos(10);
                channel.basicConsume(
                        queue,
                        false,
                        (tag, delivery) -> {
                            if (handle(delivery.getBody(), deliveries, statuses, events)) {
                                run.countDown();
                            }
                            if (acknowledge(channel, delivery.getEnvelope().getDeliveryTag())) {
                                origins.count(delivery.getProperties());
                            }
                        },
                        tag -> {});
            }
            run.await(Duration.ofMinutes(20), "delivered");
            return System.nanoTime() - start;
        }
    }

    /**
     * Once a run has its count, its channels close under deliveries still in hand: those go back to the queue.
     *
     * @return whether the delivery left the queue for good (the next run, or the final drain, counts it otherwise)
     */
    private static boolean acknowledge(Channel channel, long tag) throws java.io.IOException {
        try {
            channel.basicAck(tag, false);
            return true;
        } catch (AlreadyClosedException e) {
            // requeued by the broker with the channel
            return false;
        }
    }

    /** Where the commands consumed so far came from. */
    Origins origins() {
        return origins;
    }

    /** Commands seen a second time (skipped) and deliveries that failed, so far. */
    String anomalies() {
        return "%d duplicate command(s) skipped, %d failed".formatted(duplicates.get(), failures.get());
    }

    /** Delivers a command not seen before; answers whether it counts as delivered. */
    private boolean handle(
            byte[] body, MongoCollection<Document> deliveries, MongoCollection<Document> statuses, Channel events) {
        JsonNode command = JSON.readTree(body);
        if (!delivered.add(command.path("commandId").asString())) {
            duplicates.incrementAndGet();
            return false;
        }
        try {
            deliver(command, deliveries, statuses, events);
        } catch (RuntimeException e) {
            if (failures.incrementAndGet() <= 3) {
                System.err.println("plain delivery failed: " + e);
            }
        }
        return true;
    }

    private void deliver(
            JsonNode command,
            MongoCollection<Document> deliveries,
            MongoCollection<Document> statuses,
            Channel events) {
        String commandId = command.path("commandId").asString();
        String accountId = command.path("accountId").asString();
        String messages = graphBase + "/users/" + accountId + "@graphmail.local/messages";
        JsonNode draft = JSON.readTree(post(messages, draft(command, commandId), 201));
        String messageId = draft.path("id").asString();
        post(messages + "/" + messageId + "/send", "", 202);
        Instant sentAt = Instant.now();
        deliveries.insertOne(new Document("_id", commandId)
                .append("accountId", accountId)
                .append("graphMessageId", messageId)
                .append("state", "SENT")
                .append("sentAt", sentAt));
        publish(events, commandId, accountId, sentAt);
        statuses.updateOne(
                Filters.eq("_id", commandId),
                Updates.combine(Updates.set("status", "SENT"), Updates.set("sentAt", sentAt)),
                new UpdateOptions().upsert(true));
    }

    private static String draft(JsonNode command, String deliveryKey) {
        ObjectNode message = JSON.createObjectNode();
        message.put("subject", command.path("subject").asString());
        message.putObject("body")
                .put("contentType", command.path("body").path("contentType").asString())
                .put("content", command.path("body").path("content").asString());
        var to = message.putArray("toRecipients");
        command.path("to")
                .forEach(address -> to.addObject().putObject("emailAddress").put("address", address.asString()));
        message.putArray("singleValueExtendedProperties")
                .addObject()
                .put("id", DELIVERY_KEY_PROPERTY)
                .put("value", deliveryKey);
        return message.toString();
    }

    private void publish(Channel events, String commandId, String accountId, Instant sentAt) {
        ObjectNode event = JSON.createObjectNode()
                .put("eventId", UUID.randomUUID().toString())
                .put("commandId", commandId)
                .put("accountId", accountId)
                .put("attempts", 1)
                .put("sentAt", sentAt.toString());
        try {
            events.basicPublish("", eventQueue, true, PERSISTENT_JSON, JSON.writeValueAsBytes(event));
            events.waitForConfirmsOrDie(30_000);
        } catch (Exception e) {
            throw new IllegalStateException("event not confirmed", e);
        }
    }

    private String post(String url, String json, int expected) {
        var request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Prefer", "IdType=\"ImmutableId\"")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(url + " interrupted", e);
        }
    }

    @Override
    public void close() throws Exception {
        try (Channel admin = connection.createChannel()) {
            admin.queueDelete(eventQueue);
        }
        connection.close();
        consumerThreads.shutdown();
        mongo.close();
    }
}

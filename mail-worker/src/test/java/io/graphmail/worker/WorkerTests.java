package io.graphmail.worker;

import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A worker (the test's context) with what its tests reach it through: its RabbitMQ, to publish commands and hear its
 * events, and its MongoDB, to register accounts and read what it wrote.
 */
public abstract class WorkerTests {

    @Autowired
    protected RabbitTemplate rabbit;

    @Autowired
    protected RabbitAdmin admin;

    @Autowired
    protected MongoTemplate mongo;
}

package io.graphmail.gateway;

import io.graphmail.testsupport.TestAccounts;
import io.graphmail.testsupport.TestBackends;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The gateway over real HTTP against the tests' RabbitMQ and MongoDB, with the operator's secret aliases. */
@GatewayOverHttp
public abstract class GatewayTests {

    @LocalServerPort
    protected int port;

    /** Actuator's port, apart from the API's. */
    @LocalManagementPort
    protected int managementPort;

    @Autowired
    protected MongoTemplate mongo;

    /** A client of the API, signed in with one of the keys the test configures. */
    protected Api api;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        TestBackends.register(registry);
        TestAccounts.registerSecretAliases(registry);
    }
}

package io.graphmail.simulator.auth;

import io.graphmail.simulator.SimulatorProperties;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The bearer tokens the simulator accepts and the mailbox each one acts for. */
@Component
class AccessTokens {

    private final SimulatorProperties properties;

    AccessTokens(SimulatorProperties properties) {
        this.properties = properties;
    }

    /** The mailbox that {@code /me} means for this token, or empty when the token is not accepted. */
    Optional<String> mailboxFor(String token) {
        return properties.staticToken().equals(token) ? Optional.of(properties.defaultMailbox()) : Optional.empty();
    }
}

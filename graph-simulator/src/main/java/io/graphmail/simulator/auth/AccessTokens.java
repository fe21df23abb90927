package io.graphmail.simulator.auth;

import io.graphmail.simulator.SimulatorProperties;
import io.graphmail.simulator.identity.tokens.IssuedTokens;
import io.graphmail.simulator.identity.tokens.TokenGrant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The bearer tokens the Graph endpoints accept: the configured static token and those the identity endpoints issued. */
@Component
class AccessTokens {

    private final SimulatorProperties properties;
    private final IssuedTokens issued;

    AccessTokens(SimulatorProperties properties, IssuedTokens issued) {
        this.properties = properties;
        this.issued = issued;
    }

    /** What the token grants, expired or not; empty when the token is not known. */
    Optional<TokenGrant> grantFor(String token) {
        String staticToken = properties.staticToken();
        if (staticToken != null && !staticToken.isEmpty() && staticToken.equals(token)) {
            return Optional.of(TokenGrant.unrestricted(properties.defaultMailbox()));
        }
        return issued.find(token);
    }
}

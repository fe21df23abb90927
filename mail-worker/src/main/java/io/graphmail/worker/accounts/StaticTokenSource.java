package io.graphmail.worker.accounts;

import org.springframework.stereotype.Component;

/** One configured bearer token for every account: enough for the Graph simulator and the demo. */
@Component
class StaticTokenSource implements TokenSource {

    private final TokenProperties properties;

    StaticTokenSource(TokenProperties properties) {
        this.properties = properties;
    }

    @Override
    public String accessToken(String accountId) {
        return properties.staticToken();
    }
}

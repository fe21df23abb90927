package io.graphmail.worker.send;

import io.graphmail.worker.accounts.tokens.TokenSource;
import java.util.HashSet;
import java.util.Set;

/** Which accounts wait for consent or credentials; tokens themselves are Graph's concern, which the fakes replace. */
class FakeTokens implements TokenSource {

    final Set<String> awaitingConsent = new HashSet<>();
    final Set<String> withoutCredentials = new HashSet<>();
    final Set<String> delegated = new HashSet<>();

    @Override
    public String accessToken(String accountId) {
        return "token-" + accountId;
    }

    @Override
    public boolean needsConsent(String accountId) {
        return awaitingConsent.contains(accountId);
    }

    @Override
    public boolean credentialsUnavailable(String accountId) {
        return withoutCredentials.contains(accountId);
    }

    @Override
    public void invalidate(String accountId) {}

    @Override
    public boolean permissionMissing(String accountId) {
        if (delegated.contains(accountId)) {
            awaitingConsent.add(accountId);
            return true;
        }
        return false;
    }
}

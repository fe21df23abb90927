package io.graphmail.gateway.security.filterchain;

import io.graphmail.gateway.security.ApiClient;
import java.util.Objects;

/** A checked JWT access token, resolved to the client it was issued to. The token itself is not kept. */
final class AccessTokenAuthentication extends ClientAuthentication {

    AccessTokenAuthentication(ApiClient client) {
        super(Objects.requireNonNull(client));
    }
}

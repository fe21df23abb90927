package io.graphmail.simulator.identity.tokens;

import io.graphmail.simulator.identity.SignedInUser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes the {@code id_token} and {@code client_info} of a token response, from which MSAL builds and caches the
 * account. The id token is an unsigned JWT ({@code alg: none}): MSAL reads its claims and does not check a signature.
 */
@Component
class IdTokens {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final JsonMapper json;

    IdTokens(JsonMapper json) {
        this.json = json;
    }

    String idToken(SignedInUser user, String clientId, String issuer, Instant now, Instant expiresAt) {
        var claims = new LinkedHashMap<String, Object>();
        claims.put("aud", clientId);
        claims.put("iss", issuer);
        claims.put("iat", now.getEpochSecond());
        claims.put("nbf", now.getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        claims.put("name", user.name());
        claims.put("oid", user.objectId());
        claims.put("preferred_username", user.mailbox());
        claims.put("sub", subject(user, clientId));
        claims.put("tid", user.tenantId());
        claims.put("ver", "2.0");
        return encode(Map.of("typ", "JWT", "alg", "none")) + "." + encode(claims) + ".";
    }

    /** {@code {"uid": <object id>, "utid": <tenant id>}}, base64url-encoded: MSAL's home account id is uid.utid. */
    String clientInfo(SignedInUser user) {
        var info = new LinkedHashMap<String, Object>();
        info.put("uid", user.objectId());
        info.put("utid", user.tenantId());
        return encode(info);
    }

    /** Entra ID's {@code sub} is pairwise: stable for one user and app, different across apps. */
    private static String subject(SignedInUser user, String clientId) {
        byte[] seed = (user.objectId() + "|" + clientId).getBytes(StandardCharsets.UTF_8);
        return BASE64URL.encodeToString(UUID.nameUUIDFromBytes(seed).toString().getBytes(StandardCharsets.UTF_8));
    }

    private String encode(Map<String, Object> object) {
        return BASE64URL.encodeToString(json.writeValueAsBytes(object));
    }
}

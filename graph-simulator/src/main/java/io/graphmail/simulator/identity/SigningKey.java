package io.graphmail.simulator.identity;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The RSA key that signs access tokens for registered APIs (RS256), made afresh at every start and published with
 * its {@code kid} at {@code /{tenant}/discovery/v2.0/keys}, as Entra ID publishes its signing keys.
 */
@Component
public class SigningKey {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final KeyPair keys;
    private final String keyId = UUID.randomUUID().toString();
    private final JsonMapper json;

    SigningKey(JsonMapper json) {
        this.json = json;
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot make an RSA key", e);
        }
    }

    String keyId() {
        return keyId;
    }

    /** A compact JWS over the claims: header {@code {"typ": "JWT", "alg": "RS256", "kid": ...}}. */
    public String sign(Map<String, Object> claims) {
        var header = new LinkedHashMap<String, Object>();
        header.put("typ", "JWT");
        header.put("alg", "RS256");
        header.put("kid", keyId);
        String signingInput = encode(json.writeValueAsBytes(header)) + "." + encode(json.writeValueAsBytes(claims));
        try {
            var signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + encode(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
    }

    /** The public key as a JSON Web Key (RFC 7517), with the fields Entra ID's key set has. */
    public Map<String, Object> publicJwk() {
        var publicKey = (RSAPublicKey) keys.getPublic();
        var jwk = new LinkedHashMap<String, Object>();
        jwk.put("kty", "RSA");
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("kid", keyId);
        jwk.put("n", encode(unsigned(publicKey.getModulus())));
        jwk.put("e", encode(unsigned(publicKey.getPublicExponent())));
        return jwk;
    }

    /** Big-endian magnitude without the sign byte {@link BigInteger#toByteArray()} may add, as JWK wants it. */
    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String encode(byte[] bytes) {
        return BASE64URL.encodeToString(bytes);
    }
}

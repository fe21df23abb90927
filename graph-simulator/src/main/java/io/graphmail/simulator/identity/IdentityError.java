package io.graphmail.simulator.identity;

import org.springframework.http.HttpStatus;

/** Ends a token or device code request with an OAuth error in Entra ID's shape; the token endpoint renders it. */
public class IdentityError extends RuntimeException {

    private final HttpStatus status;
    private final String error;
    private final long code;

    private IdentityError(HttpStatus status, String error, long code, String description) {
        super(description);
        this.status = status;
        this.error = error;
        this.code = code;
    }

    static IdentityError missingParameter(String name) {
        return new IdentityError(
                HttpStatus.BAD_REQUEST,
                "invalid_request",
                900144,
                "The request body must contain the following parameter: '" + name + "'.");
    }

    public static IdentityError invalidGrant(String description) {
        return new IdentityError(HttpStatus.BAD_REQUEST, "invalid_grant", 70000, description);
    }

    public static IdentityError refreshTokenExpired() {
        return new IdentityError(
                HttpStatus.BAD_REQUEST, "invalid_grant", 700082, "The refresh token has expired due to inactivity.");
    }

    public static IdentityError authorizationPending() {
        return new IdentityError(
                HttpStatus.BAD_REQUEST,
                "authorization_pending",
                70016,
                "OAuth 2.0 device flow error. Authorization is pending. Continue polling.");
    }

    public static IdentityError expiredToken() {
        return new IdentityError(
                HttpStatus.BAD_REQUEST,
                "expired_token",
                70020,
                "The provided value for the input parameter 'device_code' is not valid. This device code has expired.");
    }

    public static IdentityError invalidClient(String clientId) {
        return new IdentityError(
                HttpStatus.UNAUTHORIZED,
                "invalid_client",
                7000215,
                "Invalid client secret provided. Ensure the secret being sent in the request is the client secret "
                        + "value, not the client secret ID, for a secret added to app '" + clientId + "'.");
    }

    public static IdentityError invalidClientAssertion(String clientId) {
        return new IdentityError(
                HttpStatus.UNAUTHORIZED,
                "invalid_client",
                700027,
                "Client assertion failed signature validation, or no certificate is registered for app '" + clientId
                        + "'.");
    }

    public static IdentityError unknownApp(String clientId, String tenant) {
        return new IdentityError(
                HttpStatus.BAD_REQUEST,
                "unauthorized_client",
                700016,
                "Application with identifier '" + clientId + "' was not found in the directory '" + tenant + "'.");
    }

    public static IdentityError invalidScope(String scope) {
        return new IdentityError(
                HttpStatus.BAD_REQUEST,
                "invalid_scope",
                1002012,
                "The provided value for scope " + scope + " is not valid. Client credential flows must have a scope "
                        + "value with /.default suffixed to the resource identifier (application ID URI).");
    }

    public static IdentityError unsupportedGrantType(String grantType) {
        return new IdentityError(
                HttpStatus.BAD_REQUEST,
                "unsupported_grant_type",
                70003,
                "The app requested an unsupported grant type '" + grantType + "'.");
    }

    public HttpStatus status() {
        return status;
    }

    public String error() {
        return error;
    }

    public long code() {
        return code;
    }
}

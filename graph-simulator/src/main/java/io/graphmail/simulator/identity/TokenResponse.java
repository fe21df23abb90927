package io.graphmail.simulator.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A successful answer of the token endpoint; app tokens come without refresh token, id token and client info. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenResponse(
        @JsonProperty("token_type") String tokenType,
        String scope,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("ext_expires_in") long extExpiresIn,
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("id_token") String idToken,
        @JsonProperty("client_info") String clientInfo) {}

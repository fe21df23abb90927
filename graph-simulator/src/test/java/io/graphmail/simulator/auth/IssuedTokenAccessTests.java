package io.graphmail.simulator.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.simulator.SimulatorTests;
import org.junit.jupiter.api.Test;

/** Which mailboxes the tokens issued by the identity endpoints open on the Graph endpoints. */
class IssuedTokenAccessTests extends SimulatorTests {

    static final String CLIENT_ID = "c0ffee00-1234-4abc-9def-0123456789ab";

    @Test
    void delegatedTokenOpensOnlyItsOwnMailbox() {
        String token = signIn("ada@example.com");

        assertThat(http.get("/v1.0/me/messages", token).status()).isEqualTo(200);
        assertThat(http.get("/v1.0/users/ADA@example.com/messages", token).status())
                .isEqualTo(200);
        var other = http.get("/v1.0/users/bea@example.com/messages", token);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.errorCode()).isEqualTo("ErrorAccessDenied");
        assertThat(http.post("/v1.0/users/bea@example.com/sendMail", "{}", token)
                        .status())
                .isEqualTo(403);
    }

    @Test
    void meIsTheSignedInMailbox() {
        String token = signIn("ada@example.com");
        var mail = """
                {"message": {"subject": "Hi", "toRecipients": [{"emailAddress": {"address": "bea@example.com"}}]}}
                """;

        assertThat(http.post("/v1.0/me/sendMail", mail, token).status()).isEqualTo(202);

        assertThat(http.get("/_sim/mailboxes/ada@example.com/sent").json().path("value"))
                .hasSize(1);
    }

    @Test
    void expiredTokenIsRejected() {
        String token = signIn("ada@example.com");

        http.post("/_sim/identity/expire-access-tokens", "");

        var response = http.get("/v1.0/me/messages", token);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.errorCode()).isEqualTo("InvalidAuthenticationToken");
        assertThat(response.json().path("error").path("message").asString()).contains("expired");
        assertThat(http.get("/v1.0/me/messages").status())
                .as("the static token does not expire")
                .isEqualTo(200);
    }

    @Test
    void forgottenTokensAreRejectedAfterAReset() {
        String token = signIn("ada@example.com");

        http.delete("/_sim/identity");

        assertThat(http.get("/v1.0/me/messages", token).status()).isEqualTo(401);
    }

    private String signIn(String mailbox) {
        return identity.delegated(CLIENT_ID, "Mail.Send Mail.Read", mailbox);
    }
}

package io.graphmail.gateway.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SignaturesTests {

    /** The example of the Standard Webhooks reference libraries' tests. */
    @Test
    void signsLikeTheStandardWebhooksReferenceExample() {
        String signature = Signatures.sign(
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L,
                "{\"test\": 2432232314}");

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void signsWithEverySecretSpaceSeparated() {
        String header = Signatures.header(
                List.of(
                        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                        "whsec_" + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="),
                "msg_1",
                1L,
                "{}");

        assertThat(header.split(" ")).hasSize(2).allMatch(part -> part.startsWith("v1,"));
    }
}

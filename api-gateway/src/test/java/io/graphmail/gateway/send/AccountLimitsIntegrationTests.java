package io.graphmail.gateway.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphmail.gateway.Api;
import io.graphmail.gateway.GatewayAloneTests;
import io.graphmail.testsupport.TestAccounts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Sending limits per account, through the REST API: an account with its own lower limits refuses what an account
 * without them accepts, on single sends, batch items and the original endpoint; unset limits are the defaults of the
 * account's type; limits above what Exchange Online (or Outlook.com) allows are refused. Accepted sends are scheduled
 * far ahead, so none is published.
 */
@TestPropertySource(properties = "graphmail.accounts.default-account=" + AccountLimitsIntegrationTests.LEGACY_ACCOUNT)
class AccountLimitsIntegrationTests extends GatewayAloneTests {

    static final String LEGACY_ACCOUNT = "limits-legacy-default";
    static final String LATER = Instant.now().plusSeconds(86_400).toString();

    @Test
    void anAccountWithLowerLimitsRefusesWhatTheDefaultAccepts() {
        String roomy = register(null);
        String narrow = register("{\"recipientsPerMessage\":3,\"maxMessageSize\":2000}");

        var fourToRoomy = send(roomy, addresses(4), "x");
        var fourToNarrow = send(narrow, addresses(4), "x");
        var threeToNarrow = send(narrow, addresses(3), "x");
        var bigBodyRoomy = send(roomy, addresses(1), "x".repeat(3000));
        var bigBodyNarrow = send(narrow, addresses(1), "x".repeat(3000));

        assertThat(fourToRoomy.status()).isEqualTo(202);
        assertThat(threeToNarrow.status()).isEqualTo(202);
        assertThat(fourToNarrow.status()).isEqualTo(400);
        assertThat(fourToNarrow.header("Content-Type")).startsWith("application/problem+json");
        JsonNode recipients = fourToNarrow.json().get("errors").get(0);
        assertThat(recipients.get("field").asString()).isEqualTo("to");
        assertThat(recipients.get("message").asString()).contains("4 recipients", "at most 3", "recipientsPerMessage");
        assertThat(bigBodyRoomy.status()).isEqualTo(202);
        assertThat(bigBodyNarrow.status()).isEqualTo(413);
        assertThat(bigBodyNarrow.header("Content-Type")).startsWith("application/problem+json");
        JsonNode size = bigBodyNarrow.json().get("errors").get(0);
        assertThat(size.get("field").asString()).isEqualTo("body");
        assertThat(size.get("message").asString()).contains("at most 2000", "maxMessageSize");
    }

    @Test
    void batchItemsAreHeldToTheAccountsLimitsNamingTheItem() {
        String narrow = register("{\"recipientsPerMessage\":2}");
        long mail = count("mail");

        var listed = api.post("/api/v1/mail/batches", """
                {"accountId":"%s","sendAt":"%s","messages":[
                  {"to":%s,"subject":"a","body":{"contentType":"text","content":"x"}},
                  {"to":%s,"subject":"b","body":{"contentType":"text","content":"x"}}]}""".formatted(narrow, LATER, addresses(2), addresses(3)));
        var templated = api.post("/api/v1/mail/batches", """
                {"accountId":"%s","sendAt":"%s","template":{"subject":"Hi","text":"Hello"},
                 "recipients":[{"to":["a@example.com"],"cc":%s}]}""".formatted(narrow, LATER, addresses(2)));

        assertThat(listed.status()).isEqualTo(400);
        JsonNode item = listed.json().get("errors").get(0);
        assertThat(item.get("path").asString()).isEqualTo("messages[1].to");
        assertThat(item.get("message").asString()).contains("at most 2");
        assertThat(templated.status()).isEqualTo(400);
        assertThat(templated.json().get("errors").get(0).get("path").asString()).isEqualTo("recipients[0].to");
        assertThat(count("mail")).isEqualTo(mail);
    }

    @Test
    void theOriginalEndpointIsHeldToTheDefaultAccountsLimits() {
        mongo.getCollection("accounts").deleteOne(new Document("_id", LEGACY_ACCOUNT));
        assertThat(api.post(
                                "/api/v1/accounts",
                                withLimits(
                                        TestAccounts.applicationAccountJson(LEGACY_ACCOUNT, "legacy@x.example"),
                                        "{\"recipientsPerMessage\":2}"))
                        .status())
                .isEqualTo(201);

        var tooMany = api.post("/api/v1/emails/send", """
                {"recipients":%s,"subject":"x","body":"<p>x</p>"}""".formatted(addresses(3)));

        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.header("Content-Type")).startsWith("application/problem+json");
        JsonNode error = tooMany.json().get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("recipients");
        assertThat(error.get("message").asString()).contains("at most 2");
    }

    @Test
    void limitsSetLaterApplyToTheNextSendAndClearingThemBringsBackTheDefaults() {
        String account = register(null);

        var set = api.send("PUT", "/api/v1/accounts/" + account + "/limits", "{\"recipientsPerDay\":2}");
        var shown = api.get("/api/v1/accounts/" + account);
        var refused = send(account, addresses(3), "x");
        var cleared = api.send("PUT", "/api/v1/accounts/" + account + "/limits", "{}");
        var accepted = send(account, addresses(3), "x");

        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().get("limits").get("recipientsPerDay").asInt()).isEqualTo(2);
        assertThat(shown.json().get("limits").get("recipientsPerDay").asInt()).isEqualTo(2);
        assertThat(refused.status())
                .as("a message it could never send in a day")
                .isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("message").asString())
                .contains("recipientsPerDay");
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(accepted.status()).isEqualTo(202);
    }

    @Test
    void unsetLimitsAreTheDefaultsOfTheAccountsType() {
        String personal = registerPersonal(null);
        String application = register(null);

        for (String account : new String[] {personal, application}) {
            assertThat(send(account, addresses(500), "x").status()).isEqualTo(202);
            var tooMany = send(account, addresses(501), "x");
            assertThat(tooMany.status()).isEqualTo(400);
            assertThat(tooMany.json().get("errors").get(0).get("message").asString())
                    .contains("at most 500", "Exchange Online's recipient limit");
        }
        var raised = register("{\"recipientsPerMessage\":1000}");
        assertThat(send(raised, addresses(800), "x").status())
                .as("an account whose admin raised the recipient limit")
                .isEqualTo(202);
    }

    @Test
    void refusesLimitsAboveWhatExchangeOnlineOrOutlookComAllow() {
        var overExchange = api.post(
                "/api/v1/accounts",
                withLimits(
                        TestAccounts.applicationAccountJson(newId(), "a@x.example"),
                        "{\"recipientsPerMessage\":1001,\"maxMessageSize\":157286401,\"recipientsPerDay\":10001}"));
        var personalOverOutlook = api.post("/api/v1/accounts", personalJson(newId(), "{\"recipientsPerDay\":5001}"));
        var applicationAtSix = api.post(
                "/api/v1/accounts",
                withLimits(TestAccounts.applicationAccountJson(newId(), "b@x.example"), "{\"recipientsPerDay\":6000}"));
        String personal = registerPersonal(null);
        var raisedLater = api.send("PUT", "/api/v1/accounts/" + personal + "/limits", "{\"recipientsPerDay\":6000}");
        var zero = api.send("PUT", "/api/v1/accounts/" + personal + "/limits", "{\"recipientsPerMessage\":0}");

        assertThat(overExchange.status()).isEqualTo(400);
        assertThat(fields(overExchange))
                .contains("limits.recipientsPerMessage", "limits.maxMessageSize", "limits.recipientsPerDay");
        assertThat(personalOverOutlook.status()).isEqualTo(400);
        assertThat(fields(personalOverOutlook)).containsExactly("limits.recipientsPerDay");
        assertThat(applicationAtSix.status()).isEqualTo(201);
        assertThat(raisedLater.status()).isEqualTo(400);
        assertThat(raisedLater.header("Content-Type")).startsWith("application/problem+json");
        assertThat(fields(raisedLater)).containsExactly("recipientsPerDay");
        assertThat(zero.status()).isEqualTo(400);
        assertThat(fields(zero)).containsExactly("recipientsPerMessage");
        assertThat(api.get("/api/v1/accounts/" + personal).json().get("limits").isNull())
                .as("a refused change leaves the account as it was")
                .isTrue();
    }

    private Api.Response send(String account, String to, String body) {
        return api.post("/api/v1/mail", """
                {"accountId":"%s","to":%s,"subject":"x","body":{"contentType":"text","content":"%s"},"sendAt":"%s"}""".formatted(account, to, body, LATER));
    }

    private String register(String limits) {
        String id = newId();
        String json = TestAccounts.applicationAccountJson(id, id + "@x.example");
        var answer = api.post("/api/v1/accounts", limits == null ? json : withLimits(json, limits));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return id;
    }

    private String registerPersonal(String limits) {
        String id = newId();
        var answer = api.post("/api/v1/accounts", personalJson(id, limits));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return id;
    }

    private static String personalJson(String id, String limits) {
        String json = """
                {"id":"%s","type":"delegated","tenant":"consumers","clientId":"%s"}""".formatted(id, UUID.randomUUID());
        return limits == null ? json : withLimits(json, limits);
    }

    private static String withLimits(String accountJson, String limits) {
        return accountJson.substring(0, accountJson.lastIndexOf('}')) + ",\"limits\":" + limits + "}";
    }

    private static List<String> fields(Api.Response response) {
        var fields = new ArrayList<String>();
        response.json()
                .get("errors")
                .forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }

    private static String newId() {
        return "lim-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String addresses(int count) {
        return IntStream.range(0, count)
                .mapToObj(n -> "\"r" + n + "@example.com\"")
                .collect(Collectors.joining(",", "[", "]"));
    }
}

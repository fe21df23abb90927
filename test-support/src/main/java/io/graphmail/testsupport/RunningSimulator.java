package io.graphmail.testsupport;

import io.graphmail.simulator.GraphSimulatorApplication;
import io.graphmail.simulator.https.CertificateTrust;
import io.graphmail.simulator.https.HttpsPort;
import io.graphmail.simulator.https.SimulatorCertificate;
import io.graphmail.simulator.mailbox.DeltaCounts.DeltaStats;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The Graph simulator started in-process on random ports (HTTP for Graph and the control API, HTTPS for the identity
 * endpoints), with its control API at hand.
 */
public final class RunningSimulator implements AutoCloseable, AfterAllCallback {

    /** The path a worker sends a message on (a draft's {@code send}), for faults and latency. */
    public static final String SEND_PATHS = "/v1.0/users/*/messages/*/send";

    /** The bearer token the simulator accepts for every mailbox (its default {@code static-token}). */
    static final String STATIC_TOKEN = "sim-token";

    private final ConfigurableApplicationContext context;
    private final int port;
    private final int httpsPort;
    private final String certificatePem;
    private final RestClient control;

    private RunningSimulator(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.httpsPort = context.getBean(HttpsPort.class).port();
        this.certificatePem = context.getBean(SimulatorCertificate.class).pem();
        this.control = RestClient.builder().baseUrl("http://127.0.0.1:" + port).build();
    }

    /** The simulator, with graphmail's test app registered as {@link #grantGraphmailApp()} does. */
    public static RunningSimulator start() {
        return start(new String[0]);
    }

    /** Starts it with {@code extraArguments} ({@code --name=value}), e.g. smaller throttling limits. */
    public static RunningSimulator start(String... extraArguments) {
        var arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--graphmail.simulator.https-port=0",
                "--spring.jmx.enabled=false"));
        arguments.addAll(List.of(extraArguments));
        var simulator = new RunningSimulator(GraphSimulatorApplication.builder().run(arguments.toArray(String[]::new)));
        simulator.grantGraphmailApp();
        return simulator;
    }

    /**
     * Registers graphmail's test app ({@link TestAccounts#CLIENT_ID}, any tenant, the default secret) with the
     * application permissions graphmail needs, as an admin grants them: Mail.Send to send, Mail.ReadWrite for drafts,
     * attachments, upload sessions, replies, deleting stale drafts and reading. Delegated tokens carry what the
     * worker asks for.
     */
    public void grantGraphmailApp() {
        registerApp(
                null, TestAccounts.CLIENT_ID, TestAccounts.CLIENT_SECRET, List.of("Mail.Send", "Mail.ReadWrite"), null);
    }

    /** The Graph API root to configure as {@code graphmail.graph.base-url}. */
    public String graphBaseUrl() {
        return "http://127.0.0.1:" + port + "/v1.0";
    }

    public int port() {
        return port;
    }

    /** The port of the HTTPS connector, where the identity endpoints are meant to be called. */
    public int httpsPort() {
        return httpsPort;
    }

    /**
     * The msal4j authority for a tenant ({@code consumers}, {@code organizations}, {@code common}, a tenant id or a
     * domain): {@code https://localhost:<httpsPort>/<tenant>/}.
     */
    public String identityAuthority(String tenant) {
        return "https://localhost:" + httpsPort + "/" + tenant + "/";
    }

    /** The simulator's self-signed certificate, in PEM. */
    public String certificatePem() {
        return certificatePem;
    }

    /** An SSL context that trusts exactly the simulator's certificate, e.g. for msal4j's {@code sslSocketFactory}. */
    public SSLContext sslContext() {
        return CertificateTrust.sslContext(certificatePem);
    }

    /** Messages sent from {@code mailbox}, as Graph JSON. */
    public List<JsonNode> sent(String mailbox) {
        JsonNode body = read("/_sim/mailboxes/{mailbox}/sent", JsonNode.class, mailbox);
        return body == null ? List.of() : body.get("value").valueStream().toList();
    }

    /** The address of a Graph message's recipient {@code index} in {@code field}, e.g. {@code toRecipients}. */
    public static String recipientAddress(JsonNode message, String field, int index) {
        return message.get(field).get(index).get("emailAddress").get("address").asString();
    }

    /**
     * Messages the mailbox sent that Exchange accepted but delivers later (over its messages per minute), each with
     * the {@code deliveredAt} its slot comes at; {@link #sent} lists them from then on.
     */
    public List<JsonNode> outbox(String mailbox) {
        JsonNode body = read("/_sim/mailboxes/{mailbox}/outbox", JsonNode.class, mailbox);
        return body == null ? List.of() : body.get("value").valueStream().toList();
    }

    /**
     * The messages of a folder ({@code inbox}, {@code sentitems}, {@code drafts}) as Graph lists them, newest first,
     * read with the static token: e.g. the non-delivery reports in the Inbox.
     */
    public List<JsonNode> messages(String mailbox, String folder) {
        JsonNode body = control.get()
                .uri("/v1.0/users/{mailbox}/mailFolders/{folder}/messages?$top=1000", mailbox, folder)
                .header("Authorization", "Bearer " + STATIC_TOKEN)
                .retrieve()
                .body(JsonNode.class);
        return body == null ? List.of() : body.get("value").valueStream().toList();
    }

    /** Injects a fault; see the simulator's README for the fields. */
    public void fault(Map<String, Object> fault) {
        write(HttpMethod.POST, fault, "/_sim/faults");
    }

    /** Graph refuses the next send (400) with the Graph error {@code errorCode}, e.g. {@code ErrorInvalidRecipients}. */
    public void refuseNextSend(String errorCode) {
        fault(Map.of("pathPattern", SEND_PATHS, "status", 400, "count", 1, "errorCode", errorCode));
    }

    /**
     * Delays every request whose path matches {@code pathPattern} (e.g. {@code /v1.0/users/*}{@code /sendMail}) by
     * {@code millis}, until {@link #reset()}. The delayed request counts as in progress for throttling.
     */
    public void latency(String pathPattern, int millis) {
        fault(Map.of("pathPattern", pathPattern, "latencyMs", millis));
    }

    /**
     * Limits the mailbox: beyond {@code maxConcurrent} requests in progress Graph throttles (429 with
     * {@code Retry-After}); beyond {@code messagesPerMinute} sends within any sliding minute Exchange accepts the mail
     * and delivers it late (see {@link #outbox}). {@code null} is no limit; the mailbox's other limits (recipients,
     * size) are then none either.
     */
    public void limit(String mailbox, Integer messagesPerMinute, Integer maxConcurrent) {
        write(HttpMethod.PUT, limits(messagesPerMinute, maxConcurrent), "/_sim/mailboxes/{mailbox}/limits", mailbox);
    }

    /**
     * Sets all of a mailbox's limits at once, by the control API's names: {@code messagesPerMinute},
     * {@code maxConcurrent}, {@code recipientsPerMessage}, {@code recipientsPerDay}, {@code maxMessageSize} (bytes).
     * Those left out are no limit. Over the recipient and size limits mail is accepted and bounces: a non-delivery
     * report lands in the mailbox's Inbox.
     */
    public void limits(String mailbox, Map<String, Object> limits) {
        write(HttpMethod.PUT, limits, "/_sim/mailboxes/{mailbox}/limits", mailbox);
    }

    /**
     * Outlook's window limits for every app and mailbox until the next {@link #reset()} (which brings back Graph's:
     * 10,000 requests per 10 minutes, 150 MB uploaded per 5 minutes); 0 is no limit.
     */
    public void windowLimits(
            int requestsPerWindow, long requestWindowSeconds, long uploadBytesPerWindow, long uploadWindowSeconds) {
        write(
                HttpMethod.PUT,
                Map.of(
                        "requestsPerWindow", requestsPerWindow,
                        "requestWindowSeconds", requestWindowSeconds,
                        "uploadBytesPerWindow", uploadBytesPerWindow,
                        "uploadWindowSeconds", uploadWindowSeconds),
                "/_sim/limits/windows");
    }

    /** What the throttle saw of the mailbox since the last reset. */
    public MailboxStats stats(String mailbox) {
        return read("/_sim/mailboxes/{mailbox}/stats", MailboxStats.class, mailbox);
    }

    /**
     * What the throttle saw of each app's requests to the mailbox, by app id: Graph's limits (4 concurrent requests,
     * 10,000 per 10 minutes, 150 MB uploaded per 5 minutes) hold per app and mailbox.
     */
    public Map<String, MailboxStats> statsPerApp(String mailbox) {
        return control.get()
                .uri("/_sim/mailboxes/{mailbox}/stats/apps", mailbox)
                .retrieve()
                .body(new ParameterizedTypeReference<Map<String, MailboxStats>>() {});
    }

    /** The user signs in as {@code mailbox} and consents to the device code flow showing {@code userCode}. */
    public void approveConsent(String userCode, String mailbox) {
        write(HttpMethod.POST, Map.of("mailbox", mailbox), "/_sim/consent/{userCode}", userCode);
    }

    /** Invalidates every refresh token and access token of the mailbox: msal4j then needs a new sign-in. */
    public void revokeRefreshTokens(String mailbox) {
        write(HttpMethod.POST, Map.of("mailbox", mailbox), "/_sim/identity/revoke");
    }

    /** Lets every access token issued so far expire now; Graph calls with them answer 401. */
    public void expireAccessTokens() {
        write(HttpMethod.POST, null, "/_sim/identity/expire-access-tokens");
    }

    /**
     * Registers an app whose client credentials then need exactly this secret ({@code tenant} may be null), with no
     * application permissions and any delegated ones.
     */
    public void registerApp(String tenant, String clientId, String clientSecret) {
        registerApp(tenant, clientId, clientSecret, List.of(), null);
    }

    /**
     * Registers an app: its client credentials need exactly this secret ({@code tenant} may be null), its app tokens
     * carry {@code applicationPermissions} as roles, and its delegated tokens only those of the scopes asked for that
     * are among {@code delegatedPermissions} (null: any).
     */
    public void registerApp(
            String tenant,
            String clientId,
            String clientSecret,
            List<String> applicationPermissions,
            List<String> delegatedPermissions) {
        var app = new LinkedHashMap<String, Object>();
        app.put("tenant", tenant);
        app.put("clientId", clientId);
        app.put("clientSecret", clientSecret);
        app.put("applicationPermissions", applicationPermissions);
        app.put("delegatedPermissions", delegatedPermissions);
        write(HttpMethod.POST, app, "/_sim/identity/apps");
    }

    /**
     * Registers an app whose client credentials need a client assertion signed with this certificate's key, granted
     * the application permissions graphmail needs (Mail.Send, Mail.ReadWrite).
     */
    public void registerAppWithCertificate(String tenant, String clientId, String certificatePem) {
        var app = new LinkedHashMap<String, Object>();
        app.put("tenant", tenant);
        app.put("clientId", clientId);
        app.put("certificate", certificatePem);
        app.put("applicationPermissions", List.of("Mail.Send", "Mail.ReadWrite"));
        write(HttpMethod.POST, app, "/_sim/identity/apps");
    }

    /**
     * Registers a web API (an app registration exposing app roles): client credentials for
     * {@code <applicationIdUri>/.default} then get a signed v2.0 access token with {@code aud} the API's client id and
     * {@code roles} the roles granted here to the calling client id.
     */
    public void registerApi(String applicationIdUri, String apiClientId, Map<String, List<String>> roleAssignments) {
        write(
                HttpMethod.POST,
                Map.of(
                        "applicationIdUri", applicationIdUri,
                        "clientId", apiClientId,
                        "appRoleAssignments", roleAssignments),
                "/_sim/identity/apis");
    }

    /** The claims as given, signed with the key the simulator publishes at {@code /{tenant}/discovery/v2.0/keys}. */
    public String signedToken(Map<String, Object> claims) {
        JsonNode body = postForJson(claims, "/_sim/identity/signed-tokens");
        return body.path("token").asString();
    }

    /** An app-only access token from the token endpoint over HTTPS, as a confidential client asks for one. */
    public String clientCredentialsToken(String tenant, String clientId, String clientSecret, String scope) {
        var form = new LinkedMultiValueMap<String, String>();
        form.add("grant_type", "client_credentials");
        form.add("client_id", clientId);
        form.add("client_secret", clientSecret);
        form.add("scope", scope);
        var https = RestClient.builder()
                .requestFactory(new JdkClientHttpRequestFactory(
                        HttpClient.newBuilder().sslContext(sslContext()).build()))
                .build();
        JsonNode body = https.post()
                .uri(identityAuthority(tenant) + "oauth2/v2.0/token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(form)
                .retrieve()
                .body(JsonNode.class);
        return body.path("access_token").asString();
    }

    /**
     * Requests received per method and path matching {@code pathPattern} (e.g. {@code /_upload/*}) since the last
     * reset, e.g. {@code {"PUT /_upload/ab12": 3}}.
     */
    public Map<String, Integer> requestCounts(String pathPattern) {
        JsonNode body = control.get()
                .uri(uri -> uri.path("/_sim/requests")
                        .queryParam("path", pathPattern)
                        .build())
                .retrieve()
                .body(JsonNode.class);
        var counts = new LinkedHashMap<String, Integer>();
        if (body != null) {
            JsonNode perPath = body.path("counts");
            perPath.propertyNames()
                    .forEach(path -> counts.put(path, perPath.path(path).asInt()));
        }
        return counts;
    }

    /** Token requests per grant type since the last reset, e.g. {@code {device_code=3, refresh_token=1}}. */
    public Map<String, Integer> tokenRequests() {
        JsonNode body = read("/_sim/identity/stats", JsonNode.class);
        var counts = new LinkedHashMap<String, Integer>();
        if (body != null) {
            body.propertyNames()
                    .forEach(grantType ->
                            counts.put(grantType, body.path(grantType).asInt()));
        }
        return counts;
    }

    /**
     * Files {@code count} generated messages (about 4 KB of HTML each) in a folder of the mailbox; more settings
     * (attachments, sizes, dates) in {@code extra}, as the simulator's README lists them. Returns their Graph ids.
     */
    public List<String> generateMessages(String mailbox, String folder, int count, Map<String, Object> extra) {
        var request = new LinkedHashMap<String, Object>(extra);
        request.put("count", count);
        request.put("folder", folder);
        JsonNode body = postForJson(request, "/_sim/mailboxes/{mailbox}/messages/generate", mailbox);
        return body.get("ids").valueStream().map(JsonNode::asString).toList();
    }

    /** Files one message given in Graph's JSON shape (attachments with Base64 {@code contentBytes}); returns it as filed. */
    public JsonNode seedMessage(String mailbox, String folder, Map<String, Object> message) {
        return postForJson(message, "/_sim/mailboxes/{mailbox}/messages?folder={folder}", mailbox, folder);
    }

    /** A message from {@code fromName <fromAddress>} to {@code mailbox}, seeded into its inbox, as Graph JSON. */
    public JsonNode seedInboxMessage(String mailbox, String subject, String fromName, String fromAddress) {
        return seedMessage(
                mailbox,
                "inbox",
                Map.of(
                        "subject", subject,
                        "from", Map.of("emailAddress", Map.of("name", fromName, "address", fromAddress)),
                        "toRecipients", List.of(Map.of("emailAddress", Map.of("address", mailbox)))));
    }

    /** Removes every injected fault and latency, keeping mailboxes and everything else. */
    public void clearFaults() {
        write(HttpMethod.DELETE, null, "/_sim/faults");
    }

    /** Changes a message's properties (e.g. {@code isRead}, {@code subject}) as its owner would. */
    public void updateMessage(String mailbox, String id, Map<String, Object> changes) {
        write(HttpMethod.PATCH, changes, "/_sim/mailboxes/{mailbox}/messages/{id}", mailbox, id);
    }

    /** Moves a message to another folder (a well-known name or a folder id) as its owner would; its id stays. */
    public void moveMessage(String mailbox, String id, String folder) {
        write(HttpMethod.POST, Map.of("folder", folder), "/_sim/mailboxes/{mailbox}/messages/{id}/move", mailbox, id);
    }

    /** Deletes a message as its owner would. */
    public void deleteMessage(String mailbox, String id) {
        write(HttpMethod.DELETE, null, "/_sim/mailboxes/{mailbox}/messages/{id}", mailbox, id);
    }

    /** The messages now in a folder: Graph id → subject, read flag and the like, as Graph JSON. */
    public Map<String, JsonNode> folderContents(String mailbox, String folder) {
        JsonNode body = read("/_sim/mailboxes/{mailbox}/folders/{folder}/messages", JsonNode.class, mailbox, folder);
        var contents = new LinkedHashMap<String, JsonNode>();
        body.get("value")
                .valueStream()
                .forEach(entry -> contents.put(entry.get("id").asString(), entry));
        return contents;
    }

    /** From now on every delta and skip token issued for the mailbox is refused (410), as when Graph drops them. */
    public void expireDeltaTokens(String mailbox) {
        write(HttpMethod.POST, null, "/_sim/mailboxes/{mailbox}/delta/expire", mailbox);
    }

    /** How clients have run delta queries on the mailbox since the last reset. */
    public DeltaStats deltaStats(String mailbox) {
        return read("/_sim/mailboxes/{mailbox}/delta/stats", DeltaStats.class, mailbox);
    }

    /** The {@code Prefer} headers of the Graph requests on the mailbox since the last reset. */
    public PreferHeaderStats preferHeaders(String mailbox) {
        return read("/_sim/mailboxes/{mailbox}/prefer-headers", PreferHeaderStats.class, mailbox);
    }

    /**
     * From now on a delta page whose JSON is larger than {@code maxPageBytes} answers {@code 504 GatewayTimeout}, as
     * Graph times out on pages with many full bodies; null: never. {@link #reset()} restores the configured limit.
     */
    public void deltaMaxPageBytes(Long maxPageBytes) {
        var limits = new LinkedHashMap<String, Long>();
        limits.put("maxPageBytes", maxPageBytes);
        write(HttpMethod.PUT, limits, "/_sim/delta/limits");
    }

    /** Every app's live change notification subscriptions, with owner, watched mailbox and folder, and deliveries. */
    public List<JsonNode> subscriptions() {
        JsonNode body = read("/_sim/subscriptions", JsonNode.class);
        return body == null ? List.of() : body.get("value").valueStream().toList();
    }

    /** How the notification POSTs for a subscription went, also after it ended. */
    public SubscriptionDeliveries subscriptionDeliveries(String subscriptionId) {
        return read("/_sim/subscriptions/{id}/deliveries", SubscriptionDeliveries.class, subscriptionId);
    }

    /**
     * Sends a lifecycle notification ({@code reauthorizationRequired}, {@code subscriptionRemoved}, which also deletes
     * the subscription, or {@code missed}) to the subscription's lifecycle URL; false when it has none.
     */
    public boolean fireLifecycleEvent(String subscriptionId, String lifecycleEvent) {
        JsonNode body = postForJson(
                Map.of("lifecycleEvent", lifecycleEvent), "/_sim/subscriptions/{id}/lifecycle", subscriptionId);
        return body != null && body.path("sent").asBoolean();
    }

    /** Graph loses every subscription watching the mailbox, unannounced; how many there were. */
    public int loseSubscriptions(String mailbox) {
        JsonNode body = control.delete()
                .uri("/_sim/subscriptions/mailboxes/{mailbox}", mailbox)
                .retrieve()
                .body(JsonNode.class);
        return body == null ? 0 : body.path("removed").asInt();
    }

    /**
     * Changes how long subscriptions may live and how long endpoints have to answer validation; null keeps a value.
     * {@link #reset()} restores the configured ones.
     */
    public void subscriptionLimits(Duration maxLifetime, Duration validationTimeout) {
        var limits = new LinkedHashMap<String, String>();
        limits.put("maxLifetime", maxLifetime == null ? null : maxLifetime.toString());
        limits.put("validationTimeout", validationTimeout == null ? null : validationTimeout.toString());
        write(HttpMethod.PUT, limits, "/_sim/subscriptions/limits");
    }

    /**
     * Forgets all mailboxes, faults, throttling and delta page limits, stats, request counts, identity state (device codes,
     * tokens, apps, web APIs, counts) and subscriptions (with their delivery records and limits); then registers graphmail's test app again ({@link #grantGraphmailApp()}).
     */
    public void reset() {
        write(HttpMethod.DELETE, null, "/_sim/faults");
        write(HttpMethod.DELETE, null, "/_sim/limits");
        write(HttpMethod.DELETE, null, "/_sim/delta/limits");
        write(HttpMethod.DELETE, null, "/_sim/mailboxes");
        write(HttpMethod.DELETE, null, "/_sim/stats");
        write(HttpMethod.DELETE, null, "/_sim/requests");
        write(HttpMethod.DELETE, null, "/_sim/identity");
        write(HttpMethod.DELETE, null, "/_sim/identity/apis");
        write(HttpMethod.DELETE, null, "/_sim/subscriptions");
        grantGraphmailApp();
    }

    @Override
    public void close() {
        context.close();
    }

    /** Registered with {@code @RegisterExtension} on a static field, the simulator stops after the test class. */
    @Override
    public void afterAll(ExtensionContext extension) {
        close();
    }

    private static Map<String, Integer> limits(Integer messagesPerMinute, Integer maxConcurrent) {
        var limits = new LinkedHashMap<String, Integer>();
        limits.put("messagesPerMinute", messagesPerMinute);
        limits.put("maxConcurrent", maxConcurrent);
        return limits;
    }

    private <T> T read(String uri, Class<T> type, Object... variables) {
        return control.get().uri(uri, variables).retrieve().body(type);
    }

    /** A control request answered with no body; {@code body}, if any, is sent as JSON. */
    private void write(HttpMethod method, Object body, String uri, Object... variables) {
        var request = control.method(method).uri(uri, variables);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        request.retrieve().toBodilessEntity();
    }

    private JsonNode postForJson(Object body, String uri, Object... variables) {
        return control.post()
                .uri(uri, variables)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .body(JsonNode.class);
    }

    /**
     * How the notification POSTs for a subscription went.
     *
     * @param posts POSTs made (change and lifecycle notifications)
     * @param notifications notifications they carried
     * @param failures POSTs not answered 2xx in time
     * @param lastStatus the status of the last POST answered, null when none was
     * @param lastError why the last unanswered POST failed
     */
    public record SubscriptionDeliveries(
            int posts, int notifications, int failures, Integer lastStatus, String lastError) {}

    /**
     * What the throttle saw of a mailbox since the last reset.
     *
     * @param requests Graph requests for the mailbox past the bearer check, throttled ones included
     * @param sends sends let through ({@code sendMail}, {@code messages/{id}/send}), whatever they then answered
     * @param throttled requests answered 429 by the throttle
     * @param maxConcurrentObserved the most requests let through that were in progress at once
     * @param maxSendsInAnyMinute the most sends let through within any sliding 60 seconds
     * @param uploadedBytes request body bytes of PATCH, POST and PUT let through, upload URLs included
     * @param lastConcurrencyRefusal the last request turned away for concurrency and those in progress then, or
     *     {@code null}
     */
    public record MailboxStats(
            long requests,
            long sends,
            long throttled,
            int maxConcurrentObserved,
            int maxSendsInAnyMinute,
            long uploadedBytes,
            String lastConcurrencyRefusal) {}

    /**
     * The {@code Prefer} headers of a mailbox's Graph requests.
     *
     * @param requests Graph requests on the mailbox
     * @param withoutImmutableId those that did not ask for {@code IdType="ImmutableId"}
     * @param severalPreferHeaders those that sent more than one {@code Prefer} header
     * @param examples the first few of either ({@code METHOD path})
     */
    public record PreferHeaderStats(
            long requests, long withoutImmutableId, long severalPreferHeaders, List<String> examples) {}
}

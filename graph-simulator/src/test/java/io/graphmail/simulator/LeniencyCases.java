package io.graphmail.simulator;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Requests a strict simulator refuses, as Graph or Exchange would, and a lenient one lets through: one per kind of
 * rule that {@code graphmail.simulator.lenient} switches off.
 */
final class LeniencyCases {

    static final String MAILBOX = "demo@x.io";
    static final String MESSAGES = "/v1.0/users/" + MAILBOX + "/messages";
    static final String CLIENT_ID = "6f0e1d2c-3b4a-4596-8877-665544332211";

    private final SimulatorHttp http;
    private final SimulatorIdentity identity;

    LeniencyCases(SimulatorHttp http) {
        this.http = http;
        this.identity = new SimulatorIdentity(http);
    }

    /** Six custom headers: Graph takes five. */
    SimulatorHttp.Response sixHeaders() {
        String six =
                "[" + "{\"name\": \"x-h\", \"value\": \"v\"},".repeat(5) + "{\"name\": \"x-h\", \"value\": \"v\"}]";
        return http.post(MESSAGES, "{\"subject\": \"s\", \"internetMessageHeaders\": " + six + "}");
    }

    /** A draft over Graph's 4 MB request limit. */
    SimulatorHttp.Response overFourMegabytes() {
        String body = "x".repeat(4_100_000);
        return http.post(
                MESSAGES,
                "{\"subject\": \"big\", \"body\": {\"contentType\": \"text\", \"content\": \"" + body + "\"}}");
    }

    /** sendMail from an app granted only Mail.Read. */
    SimulatorHttp.Response sendWithoutMailSend() {
        identity.registerApp(CLIENT_ID, "\"applicationPermissions\": [\"Mail.Read\"]");
        String token = identity.appToken("contoso.example", CLIENT_ID);
        return http.post("/v1.0/users/" + MAILBOX + "/sendMail", mail(1), token);
    }

    /** A second request within a window that allows one. */
    SimulatorHttp.Response secondRequestOfAWindowForOne() {
        http.put(
                "/_sim/limits/windows",
                "{\"requestsPerWindow\": 1, \"requestWindowSeconds\": 600, \"uploadBytesPerWindow\": 0,"
                        + " \"uploadWindowSeconds\": 300}");
        http.get(MESSAGES);
        return http.get(MESSAGES);
    }

    /** sendMail to 501 recipients (Exchange takes 500), and how many messages Exchange then delivered. */
    int deliveredOfAMessageTo501() {
        http.post("/v1.0/users/" + MAILBOX + "/sendMail", mail(501));
        return http.get("/_sim/mailboxes/" + MAILBOX + "/sent")
                .json()
                .path("value")
                .size();
    }

    private static String mail(int recipients) {
        String to = IntStream.range(0, recipients)
                .mapToObj(n -> "{\"emailAddress\": {\"address\": \"r" + n + "@example.com\"}}")
                .collect(Collectors.joining(",", "[", "]"));
        return "{\"message\": {\"subject\": \"Hi\", \"toRecipients\": " + to + "}}";
    }
}

package io.graphmail.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.microsoft.graph.core.tasks.PageIterator;
import com.microsoft.graph.models.Message;
import com.microsoft.graph.models.MessageCollectionResponse;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.sendmail.SendMailPostRequestBody;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Microsoft Graph SDK's own code paths, run unchanged against the simulator. */
class GraphSdkTests extends SimulatorTests {

    static final String USER = "a@x.io";
    static final Instant FIRST = Instant.parse("2024-05-01T10:00:00Z");

    GraphServiceClient graph;

    @BeforeEach
    void setUp() {
        graph = SdkClients.forSimulator(port);
    }

    @Test
    void sendsMailThroughTheSdk() {
        var body = new SendMailPostRequestBody();
        body.setMessage(SdkMessages.message("Hello from the SDK", "<p>Hi <b>Bea</b></p>", "b@x.io"));
        body.setSaveToSentItems(true);

        graph.users().byUserId(USER).sendMail().post(body);

        var sent = http.get("/_sim/mailboxes/" + USER + "/sent").json().path("value");
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).path("subject").asString()).isEqualTo("Hello from the SDK");
        assertThat(sent.get(0).path("body").path("contentType").asString()).isEqualTo("html");
        assertThat(sent.get(0).path("body").path("content").asString()).isEqualTo("<p>Hi <b>Bea</b></p>");
        assertThat(sent.get(0)
                        .path("toRecipients")
                        .get(0)
                        .path("emailAddress")
                        .path("address")
                        .asString())
                .isEqualTo("b@x.io");
    }

    @Test
    void surfacesGraphErrorsAsODataErrors() {
        var body = new SendMailPostRequestBody();
        var message = SdkMessages.message("Nobody", "<p>x</p>");
        body.setMessage(message);

        assertThatExceptionOfType(ODataError.class)
                .isThrownBy(() -> graph.users().byUserId(USER).sendMail().post(body))
                .satisfies(error -> {
                    assertThat(error.getResponseStatusCode()).isEqualTo(400);
                    assertThat(error.getError().getCode()).isEqualTo("ErrorInvalidRecipients");
                });
    }

    @Test
    void pagesMessagesAndIteratesAcrossNextLinks() throws Exception {
        seed(5);

        MessageCollectionResponse first = graph.users()
                .byUserId(USER)
                .messages()
                .get(request -> {
                    request.queryParameters.top = 2;
                    request.queryParameters.select = new String[] {"subject", "receivedDateTime"};
                });

        assertThat(first.getValue()).extracting(Message::getSubject).containsExactly("m4", "m3");
        assertThat(first.getOdataNextLink()).isNotBlank();

        List<String> subjects = new ArrayList<>();
        new PageIterator.Builder<Message, MessageCollectionResponse>()
                .client(graph)
                .collectionPage(first)
                .collectionPageFactory(MessageCollectionResponse::createFromDiscriminatorValue)
                .processPageItemCallback(message -> subjects.add(message.getSubject()))
                .build()
                .iterate();
        assertThat(subjects).containsExactly("m4", "m3", "m2", "m1", "m0");
    }

    @Test
    void filtersAndOrdersMessagesByReceivedDateTime() {
        seed(5);

        MessageCollectionResponse page = graph.users().byUserId(USER).messages().get(request -> {
            request.queryParameters.filter = "receivedDateTime ge " + FIRST.plus(2, ChronoUnit.HOURS);
            request.queryParameters.orderby = new String[] {"receivedDateTime asc"};
        });

        assertThat(page.getValue()).extracting(Message::getSubject).containsExactly("m2", "m3", "m4");
        assertThat(page.getValue().get(0).getReceivedDateTime().toInstant()).isEqualTo(FIRST.plus(2, ChronoUnit.HOURS));
        assertThat(page.getOdataNextLink()).isNull();
    }

    @Test
    void readsOneMessageAndReportsMissingOnes() {
        seed(1);
        String id =
                graph.users().byUserId(USER).messages().get().getValue().get(0).getId();

        Message message =
                graph.users().byUserId(USER).messages().byMessageId(id).get();

        assertThat(message.getFrom().getEmailAddress().getAddress()).isEqualTo("sender@x.io");
        assertThat(message.getIsRead()).isFalse();
        assertThatExceptionOfType(ODataError.class)
                .isThrownBy(() -> graph.users()
                        .byUserId(USER)
                        .messages()
                        .byMessageId("AAMkmissing")
                        .get())
                .satisfies(error -> assertThat(error.getError().getCode()).isEqualTo("ErrorItemNotFound"));
    }

    private void seed(int count) {
        String messages = IntStream.range(0, count)
                .mapToObj(i -> """
                        {"subject": "m%d", "receivedDateTime": "%s",
                         "from": {"emailAddress": {"address": "sender@x.io"}}}""".formatted(i, FIRST.plus(i, ChronoUnit.HOURS)))
                .collect(Collectors.joining(",", "[", "]"));
        http.post("/_sim/mailboxes/" + USER + "/messages", messages);
    }
}

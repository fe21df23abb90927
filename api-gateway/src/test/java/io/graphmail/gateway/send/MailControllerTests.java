package io.graphmail.gateway.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.graphmail.gateway.mail.MailRecords;
import io.graphmail.gateway.mail.MailStatus;
import io.graphmail.gateway.mail.MailView;
import io.graphmail.gateway.security.SignedInAsAdmin;
import io.graphmail.platform.logging.CorrelationId;
import io.graphmail.platform.messaging.PublishFailed;
import java.util.Optional;
import java.util.UUID;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@SignedInAsAdmin
@WebMvcTest(MailController.class)
@AutoConfigureMockMvc(addFilters = false)
@ExtendWith(OutputCaptureExtension.class)
class MailControllerTests {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    SubmittingMail submittingMail;

    @MockitoBean
    MailRecords records;

    @Test
    void rejectsInvalidAddressNamingTheField() throws Exception {
        postMail("""
                {"to":["not-an-address"],"subject":"Hi","body":{"contentType":"html","content":"x"}}""")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://graphmail.io/problems/validation"))
                .andExpect(jsonPath("$.errors[0].field").value("to[0]"));
        verify(submittingMail, never()).submit(any(), any(), any());
    }

    @Test
    void rejectsRequestWithoutRecipients() throws Exception {
        postMail("""
                {"subject":"Hi","body":{"contentType":"html","content":"x"}}""")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("to"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("at least one recipient")));
        verify(submittingMail, never()).submit(any(), any(), any());
    }

    @Test
    void rejectsOversizedBody() throws Exception {
        String content = "x".repeat(SendLimits.MAX_BODY_CHARS + 1);
        postMail("{\"to\":[\"ada@example.com\"],\"subject\":\"Hi\",\"body\":{\"contentType\":\"html\",\"content\":\""
                        + content + "\"}}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("body.content"));
        verify(submittingMail, never()).submit(any(), any(), any());
    }

    @Test
    void rejectsUnknownBodyType() throws Exception {
        postMail("""
                {"to":["ada@example.com"],"subject":"Hi","body":{"contentType":"rtf","content":"x"}}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("body.contentType"));
    }

    @Test
    void rejectsCustomHeadersGraphWouldRefuseNamingHeaders() throws Exception {
        String sixHeaders = "{\"x-1\":\"a\",\"x-2\":\"b\",\"x-3\":\"c\",\"x-4\":\"d\",\"x-5\":\"e\",\"x-6\":\"f\"}";
        for (String headers : new String[] {
            sixHeaders,
            "{\"Reply-By\":\"tomorrow\"}",
            "{\"x-bad name\":\"a\"}",
            "{\"x-" + "n".repeat(300) + "\":\"a\"}",
            "{\"x-long\":\"" + "v".repeat(1001) + "\"}"
        }) {
            postMail(
                            "{\"to\":[\"ada@example.com\"],\"subject\":\"Hi\",\"body\":{\"contentType\":\"text\",\"content\":\"x\"},"
                                    + "\"headers\":" + headers + "}")
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.type").value("https://graphmail.io/problems/validation"))
                    .andExpect(jsonPath("$.errors[0].field").value("headers"));
        }
        verify(submittingMail, never()).submit(any(), any(), any());
    }

    @Test
    void rejectsUnknownImportanceAndTooManyUploads() throws Exception {
        String ids = "\"a\",".repeat(20) + "\"a\"";
        postMail(
                        "{\"to\":[\"ada@example.com\"],\"subject\":\"Hi\",\"body\":{\"contentType\":\"text\",\"content\":\"x\"},"
                                + "\"importance\":\"urgent\",\"attachmentIds\":[" + ids + "]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == 'importance')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'attachmentIds')]").exists());
        verify(submittingMail, never()).submit(any(), any(), any());
    }

    @Test
    void acceptsAReplyWithoutRecipientsButNotAReplyWithoutItsMessageId() throws Exception {
        when(submittingMail.submit(any(), any(), any()))
                .thenReturn(new MailView(UUID.randomUUID(), MailStatus.ACCEPTED, 0, null, null, null, null));

        postMail("""
                {"subject":"Re","body":{"contentType":"text","content":"x"},"inReplyTo":{"messageId":"m-1"}}""").andExpect(status().isAccepted());
        postMail("""
                {"subject":"Re","body":{"contentType":"text","content":"x"},"inReplyTo":{}}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("inReplyTo.messageId"));
    }

    @Test
    void answers503WhenTheBrokerDoesNotConfirm() throws Exception {
        when(submittingMail.submit(any(), any(), any())).thenThrow(new PublishFailed("broker unreachable"));

        postMail("""
                {"to":["ada@example.com"],"subject":"Hi","body":{"contentType":"html","content":"x"}}""")
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().exists("Retry-After"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://graphmail.io/problems/broker-unavailable"));
    }

    @Test
    void answers404ForUnknownMessage() throws Exception {
        UUID id = UUID.randomUUID();
        when(records.findFor(eq(id), any())).thenReturn(Optional.empty());

        mvc.perform(get("/api/v1/mail/{id}", id))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void anUnexpectedFailureIsA500ProblemLoggedOnceAtErrorWithItsCorrelationId(CapturedOutput output) throws Exception {
        when(submittingMail.submit(any(), any(), any())).thenThrow(new IllegalStateException("a bug"));
        String correlationId = "bug-" + UUID.randomUUID();

        try (var scope = CorrelationId.open(correlationId)) {
            postMail("""
                    {"to":["ada@example.com"],"subject":"Hi","body":{"contentType":"html","content":"x"}}""")
                    .andExpect(status().isInternalServerError())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.type").value("https://graphmail.io/problems/internal"))
                    .andExpect(jsonPath("$.correlationId").value(correlationId))
                    .andExpect(jsonPath("$.detail").value("An unexpected error occurred"));
        }
        assertThat(output.getAll().lines().filter(line -> line.contains(" ERROR ")))
                .singleElement(InstanceOfAssertFactories.STRING)
                .contains(correlationId);
    }

    private ResultActions postMail(String json) throws Exception {
        return mvc.perform(
                post("/api/v1/mail").contentType(MediaType.APPLICATION_JSON).content(json));
    }
}

package io.graphmail.worker.bounces;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class NonDeliveryReportTests {

    private static final String HARD = """
            Your message couldn't be delivered. The email address wasn't found at the destination domain.

            Diagnostic information for administrators:
            Generating server: graph-simulator

            Ann@Bounce.invalid
            Remote server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'
            Recipients: 2

            Original message headers:
            Message-ID: <abc.123@graphmail.local>
            Subject: Hello
            """;

    @Test
    void readsTheFailedRecipientStatusAndOriginalMessageId() {
        var report = NonDeliveryReport.read(HARD).orElseThrow();

        assertThat(report.recipient()).isEqualTo("ann@bounce.invalid");
        assertThat(report.statusCode()).isEqualTo("5.1.1");
        assertThat(report.diagnostic()).isEqualTo("550 5.1.1 RESOLVER.ADR.RecipNotFound; not found");
        assertThat(report.originalMessageId()).isEqualTo("<abc.123@graphmail.local>");
        assertThat(report.permanent()).isTrue();
    }

    @Test
    void treatsMailboxFullAndTransientCodesAsSoft() {
        assertThat(NonDeliveryReport.read(HARD.replace("550 5.1.1", "552 5.2.2"))
                        .orElseThrow()
                        .permanent())
                .isFalse();
        assertThat(NonDeliveryReport.read(HARD.replace("550 5.1.1", "452 4.2.2"))
                        .orElseThrow()
                        .permanent())
                .isFalse();
    }

    @Test
    void readsAReportOnTheWholeMessageWithoutARecipient() {
        String text = "Diagnostic information for administrators:\r\nGenerating server: x\r\n\r\n"
                + "Remote server returned '550 5.5.3 RESOLVER.ADR.RecipLimit; too many recipients'\r\n"
                + "Original message headers:\r\nMessage-ID: <m@x>\r\n";

        var report = NonDeliveryReport.read(text).orElseThrow();

        assertThat(report.recipient()).isNull();
        assertThat(report.statusCode()).isEqualTo("5.5.3");
    }

    @Test
    void ignoresTextWithoutTheOriginalsMessageIdOrAStatusCode() {
        assertThat(NonDeliveryReport.read(HARD.replace("Message-ID:", "Message:")))
                .isEmpty();
        assertThat(NonDeliveryReport.read(HARD.replace("550 5.1.1", "not found")))
                .isEmpty();
        assertThat(NonDeliveryReport.read(null)).isEmpty();
    }

    @Test
    void recognisesReportsByMessageClassWhateverItsCase() {
        assertThat(RecognisingBounces.isReport(Optional.of("REPORT.IPM.Note.NDR")))
                .isTrue();
        assertThat(RecognisingBounces.isReport(Optional.of("report.ipm.note.ndr")))
                .isTrue();
        assertThat(RecognisingBounces.isReport(Optional.of("REPORT.IPM.Note.DR")))
                .isFalse();
        assertThat(RecognisingBounces.isReport(Optional.of("IPM.Note"))).isFalse();
        assertThat(RecognisingBounces.isReport(Optional.empty())).isFalse();
    }
}

package io.graphmail.gateway.mail;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code graphmail_mail_completed_total{status}}: messages that reached a final status, counted once
 * each, when their record reaches it. Every status is registered up front so a rate of, say, failures
 * reads 0 rather than no data.
 */
@Component
public class FinalStatusMetrics {

    private final Map<MailStatus, Counter> completed = new EnumMap<>(MailStatus.class);

    public FinalStatusMetrics(MeterRegistry meterRegistry) {
        for (MailStatus status : MailStatus.FINAL) {
            completed.put(
                    status,
                    Counter.builder("graphmail.mail.completed")
                            .description("Messages that reached a final status")
                            .tag("status", status.name())
                            .register(meterRegistry));
        }
    }

    public void reached(MailStatus status, long messages) {
        completed.get(status).increment(messages);
    }

    public void reached(MailStatus status, boolean transitioned) {
        if (transitioned) {
            reached(status, 1);
        }
    }
}

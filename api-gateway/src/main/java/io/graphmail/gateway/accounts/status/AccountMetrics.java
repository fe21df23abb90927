package io.graphmail.gateway.accounts.status;

import io.graphmail.gateway.accounts.AccountStatus;
import io.graphmail.gateway.accounts.Accounts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** {@code graphmail_accounts{status}}: how many accounts are in each status, read at each scrape. */
@Component
class AccountMetrics {

    AccountMetrics(Accounts accounts, MeterRegistry registry) {
        for (AccountStatus status : AccountStatus.values()) {
            Gauge.builder("graphmail.accounts", accounts, all -> all.countByStatus(status))
                    .tag("status", status.name())
                    .description("Accounts by status")
                    .register(registry);
        }
    }
}

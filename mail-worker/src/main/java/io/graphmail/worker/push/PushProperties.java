package io.graphmail.worker.push;

import jakarta.validation.constraints.AssertTrue;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Push sync: Graph change notifications for every synced folder.
 *
 * @param publicBaseUrl the gateway's address as Graph reaches it (HTTPS); notifications go to
 *     {@code <publicBaseUrl>/notifications/graph}. None or empty: push is off and every folder is polled.
 * @param allowHttp accept an {@code http} base URL (local runs and tests only: Graph itself requires HTTPS)
 * @param lifetime how long a subscription is asked to live; Graph allows at most 4230 minutes for Outlook messages
 * @param renewBefore a subscription is renewed once it has less than this left
 * @param checkEvery how often subscriptions are checked: created where missing, renewed when due, looked up at Graph
 *     when their look-up is due and created again when Graph lost them
 * @param lookUpEvery how often a subscription Graph was last seen to have (at its creation, renewal or look-up) is
 *     looked up again ({@code GET /subscriptions/{id}}), to replace one Graph removed unannounced; meanwhile the
 *     folder's safety polling still finds its changes
 * @param retryAfterFailure how long a folder whose subscription Graph refused stays on polling before trying again
 * @param recheckPending how soon a notified folder whose lease another round holds is looked at again
 * @param clockTolerance how far the gateway's clock may be behind the workers': a notification received this much
 *     before a round started still gets a round of its own
 */
@Validated
@ConfigurationProperties("graphmail.push")
record PushProperties(
        String publicBaseUrl,
        @DefaultValue("false") boolean allowHttp,
        @DefaultValue("4200m") Duration lifetime,
        @DefaultValue("24h") Duration renewBefore,
        @DefaultValue("1m") Duration checkEvery,
        @DefaultValue("15m") Duration lookUpEvery,
        @DefaultValue("15m") Duration retryAfterFailure,
        @DefaultValue("500ms") Duration recheckPending,
        @DefaultValue("2s") Duration clockTolerance) {

    static final String PATH = "/notifications/graph";

    boolean enabled() {
        return publicBaseUrl != null && !publicBaseUrl.isBlank();
    }

    URI notificationUrl() {
        return URI.create(publicBaseUrl.strip().replaceAll("/+$", "") + PATH);
    }

    @AssertTrue(message = "must be an absolute https URL (or allow-http set for local runs)")
    boolean isPublicBaseUrlSecure() {
        if (!enabled()) {
            return true;
        }
        try {
            URI url = URI.create(publicBaseUrl.strip());
            return url.getHost() != null && ("https".equalsIgnoreCase(url.getScheme()) || allowHttp);
        } catch (IllegalArgumentException notAUrl) {
            return false;
        }
    }

    @AssertTrue(message = "renew-before must be shorter than lifetime")
    boolean isRenewalBeforeExpiry() {
        return renewBefore.compareTo(lifetime) < 0;
    }
}

package io.graphmail.simulator.mail;

import io.graphmail.simulator.auth.AuthenticatedMailbox;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Counts the requests to message endpoints (delta queries aside, which count their own) that prefer immutable ids,
 * so that a test can check a client sends {@code Prefer: IdType="ImmutableId"} with every call. Ids never change in
 * the simulator whether it is sent or not.
 */
@Configuration
class ImmutableIdCounting implements WebMvcConfigurer, HandlerInterceptor {

    private final Mailboxes mailboxes;

    ImmutableIdCounting(Mailboxes mailboxes) {
        this.mailboxes = mailboxes;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this)
                .addPathPatterns(
                        "/v1.0/me/messages",
                        "/v1.0/me/messages/**",
                        "/v1.0/users/*/messages",
                        "/v1.0/users/*/messages/**",
                        "/v1.0/me/mailFolders/*/messages",
                        "/v1.0/users/*/mailFolders/*/messages");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Object mailbox = request.getAttribute(AuthenticatedMailbox.ATTRIBUTE);
        if (mailbox != null
                && Preferences.parse(Collections.list(request.getHeaders("Prefer")))
                        .immutableId()) {
            mailboxes.of(mailbox.toString()).draftCounts().immutableIdRequest();
        }
        return true;
    }
}

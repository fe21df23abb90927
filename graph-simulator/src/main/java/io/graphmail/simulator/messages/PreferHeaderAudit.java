package io.graphmail.simulator.messages;

import io.graphmail.simulator.auth.AuthenticatedMailbox;
import io.graphmail.simulator.mailbox.Mailboxes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Notes, per mailbox, each Graph request that does not prefer immutable ids or that spreads its preferences over
 * several {@code Prefer} headers, so that a test can check a client asks for immutable ids on every call in one
 * header. Graph serves both forms; ids never change in the simulator either way.
 */
@Configuration
class PreferHeaderAudit implements WebMvcConfigurer, HandlerInterceptor {

    private final Mailboxes mailboxes;

    PreferHeaderAudit(Mailboxes mailboxes) {
        this.mailboxes = mailboxes;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/v1.0/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Object mailbox = request.getAttribute(AuthenticatedMailbox.ATTRIBUTE);
        if (mailbox != null) {
            List<String> headers = Collections.list(request.getHeaders("Prefer"));
            mailboxes
                    .of(mailbox.toString())
                    .preferHeaders()
                    .record(
                            request.getMethod() + " " + request.getRequestURI(),
                            Preferences.parse(headers).immutableId(),
                            headers.size() > 1);
        }
        return true;
    }
}

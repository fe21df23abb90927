package io.graphmail.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Records every request that reached one of the gateway's controller methods. */
@TestConfiguration(proxyBeanMethods = false)
class HandlerInvocations implements WebMvcConfigurer {

    private final List<String> reached = new CopyOnWriteArrayList<>();

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (handler instanceof HandlerMethod method
                        && method.getBeanType().getPackageName().startsWith("io.graphmail.gateway")) {
                    reached.add(request.getMethod() + " " + request.getRequestURI() + " -> "
                            + method.getMethod().getName());
                }
                return true;
            }
        });
    }

    List<String> reached() {
        return List.copyOf(reached);
    }

    void clear() {
        reached.clear();
    }
}

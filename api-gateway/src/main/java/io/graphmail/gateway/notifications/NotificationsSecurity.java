package io.graphmail.gateway.notifications;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The notification endpoint's own filter chain, ahead of the API's: public (Graph sends no credentials; a
 * notification is trusted only once its client state matches), stateless, and only {@code POST} on its one path.
 */
@Configuration(proxyBeanMethods = false)
class NotificationsSecurity {

    @Bean
    @Order(1)
    SecurityFilterChain graphNotifications(HttpSecurity http) throws Exception {
        return http.securityMatcher(
                        PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, NotificationsController.PATH))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }
}

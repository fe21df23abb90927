package io.graphmail.gateway.security.filterchain;

import io.graphmail.gateway.problems.ProblemResponses;
import io.graphmail.gateway.security.AfterAuthorization;
import io.graphmail.gateway.security.apikeys.ApiKeys;
import io.graphmail.gateway.security.apikeys.SecurityProperties;
import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * One stateless filter chain in front of everything the API port serves: bearer API keys checked by a real
 * {@link ApiKeyAuthenticationProvider} and, when an issuer is configured, JWT access tokens checked by an
 * {@link AccessTokenAuthenticationProvider}; each operation allowed to the scope {@link ScopeRules} names, and every
 * other request denied. Public: the API description (if enabled) and Actuator, which serves on the management port.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SecurityProperties.class, OidcProperties.class})
class SecurityConfiguration {

    @Bean
    SecurityProblems securityProblems(ProblemResponses problems) {
        return new SecurityProblems(problems);
    }

    /** Spring Security's strict defaults: no encoded separators, dot segments, {@code ;}, {@code //} or controls. */
    @Bean
    HttpFirewall httpFirewall() {
        return new StrictHttpFirewall();
    }

    @Bean
    @Order(1)
    SecurityFilterChain actuator(HttpSecurity http) throws Exception {
        return http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(
            HttpSecurity http,
            ApiKeys apiKeys,
            SecurityProblems problems,
            SecurityProperties properties,
            OidcProperties oidc,
            List<AfterAuthorization> afterAuthorization)
            throws Exception {
        var providers = new ArrayList<AuthenticationProvider>(List.of(new ApiKeyAuthenticationProvider(apiKeys)));
        if (oidc.enabled()) {
            providers.add(new AccessTokenAuthenticationProvider(OidcDecoders.decoder(oidc), new TokenClients(oidc)));
        }
        var authentication = new AuthenticationFilter(new ProviderManager(providers), new BearerKeys(oidc.enabled()));
        authentication.setFailureHandler(problems);
        authentication.setSuccessHandler((request, response, result) -> {});
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .anonymous(anonymous -> anonymous.disable())
                .addFilterBefore(authentication, AuthorizationFilter.class)
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(requests -> {
                    requests.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC)
                            .permitAll();
                    if (properties.publicApiDocs()) {
                        requests.requestMatchers(
                                        "/v3/api-docs",
                                        "/v3/api-docs.yaml",
                                        "/v3/api-docs/**",
                                        "/swagger-ui.html",
                                        "/swagger-ui/**")
                                .permitAll();
                    }
                    var paths = PathPatternRequestMatcher.withDefaults();
                    for (ScopeRules.Rule rule : ScopeRules.RULES) {
                        requests.requestMatchers(paths.matcher(rule.method(), rule.pattern()))
                                .access(ScopeRules.requires(rule.scope()));
                    }
                    requests.anyRequest().access(ScopeRules.nobody());
                });
        for (AfterAuthorization filter : afterAuthorization) {
            http.addFilterAfter(filter, AuthorizationFilter.class);
        }
        return http.build();
    }
}

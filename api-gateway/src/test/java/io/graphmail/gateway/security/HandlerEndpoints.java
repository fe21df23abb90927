package io.graphmail.gateway.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every method and path pattern a handler of the application answers, read from its handler mappings rather than
 * from any document, so an endpoint that no document lists is found too.
 */
final class HandlerEndpoints {

    /**
     * @param method {@code *} for a mapping that takes any method
     * @param pattern the path pattern, with any regular expression of a path variable left out ({@code {id}})
     */
    record Endpoint(String method, String pattern, String handler) {

        String key() {
            return method + " " + pattern;
        }
    }

    private HandlerEndpoints() {}

    static List<Endpoint> of(ApplicationContext context) {
        Set<String> seen = new TreeSet<>();
        List<Endpoint> endpoints = new ArrayList<>();
        for (var mapping :
                context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            mapping.getHandlerMethods().forEach((info, handler) -> {
                for (String method : methods(info)) {
                    for (String pattern : info.getPatternValues()) {
                        var endpoint = new Endpoint(method, withoutRegex(pattern), handler.toString());
                        if (seen.add(endpoint.key())) {
                            endpoints.add(endpoint);
                        }
                    }
                }
            });
        }
        return endpoints;
    }

    private static List<String> methods(RequestMappingInfo info) {
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        return methods.isEmpty()
                ? List.of("*")
                : methods.stream().map(RequestMethod::name).sorted().toList();
    }

    private static String withoutRegex(String pattern) {
        return pattern.replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
    }
}

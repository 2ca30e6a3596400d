package dev.kehu.fuzz;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * One endpoint of the API as Spring MVC maps it: method, path template ({@code /api/customers/{customerId}/contacts}),
 * the type of its JSON body (null when it takes none), whether that body may be left out, and its query parameters
 * with their types.
 * {@link #discover} lists every endpoint of a running application, so new endpoints are fuzzed without
 * anyone adding them to a list.
 */
public record Endpoint(String method, String path, Class<?> bodyType, boolean bodyOptional,
                       Map<String, Class<?>> queryParameters) {

    public boolean takesBody() {
        return bodyType != null;
    }

    /**
     * A request that may succeed with any header or extra parameter: a GET, or the audit API, which never changes
     * the log (a POST there starts a verification job, which keeps only its own state).
     */
    public boolean isRead() {
        return method.equals("GET") || path.startsWith("/api/audit/");
    }

    /** Every (method, path) Spring MVC routes in {@code context}, sorted; a mapping without methods counts as GET. */
    public static List<Endpoint> discover(ApplicationContext context) {
        RequestMappingHandlerMapping mapping = context.getBean("requestMappingHandlerMapping",
                RequestMappingHandlerMapping.class);
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            Class<?> body = null;
            boolean optional = false;
            Map<String, Class<?>> parameters = new LinkedHashMap<>();
            for (MethodParameter parameter : entry.getValue().getMethodParameters()) {
                if (parameter.hasParameterAnnotation(RequestBody.class)) {
                    body = parameter.getParameterType();
                    optional = !parameter.getParameterAnnotation(RequestBody.class).required();
                }
                RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
                if (requestParam != null) {
                    String name = !requestParam.name().isEmpty() ? requestParam.name() : parameter.getParameterName();
                    parameters.put(name, parameter.getParameterType());
                }
            }
            for (String path : info.getPatternValues()) {
                if (methods.isEmpty()) {
                    endpoints.add(new Endpoint("GET", path, body, optional, Map.copyOf(parameters)));
                }
                for (RequestMethod method : methods) {
                    endpoints.add(new Endpoint(method.name(), path, body, optional, Map.copyOf(parameters)));
                }
            }
        }
        endpoints.sort(Comparator.comparing(Endpoint::path).thenComparing(Endpoint::method));
        return List.copyOf(endpoints);
    }
}

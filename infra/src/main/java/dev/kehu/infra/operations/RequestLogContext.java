package dev.kehu.infra.operations;

import dev.kehu.command.actor.ActorSource;
import dev.kehu.command.web.CommandContextArgumentResolver;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.UUID;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the request's correlation id and actor into the logging context (MDC keys {@value #CORRELATION_ID} and
 * {@value #ACTOR}), so every line logged while the request is handled carries them; the structured formats (ECS,
 * Logstash) write MDC entries as fields. Runs after Spring Security (the actor is the signed-in user).
 *
 * <p>A request without {@code X-Correlation-Id} gets one here, and the request the application sees carries it
 * as that header: the command side then stores the same id in its events and answers it. An id the command side
 * would refuse ({@link CommandContextArgumentResolver#isCorrelationId}) stays out of the log; the command answers 400.
 */
final class RequestLogContext extends OncePerRequestFilter {

    static final String CORRELATION_ID = "correlationId";
    static final String ACTOR = "actor";
    static final String HEADER = CommandContextArgumentResolver.CORRELATION_ID;

    private final ActorSource actors;

    RequestLogContext(ActorSource actors) {
        this.actors = actors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        HttpServletRequest seen = request;
        if (given == null || given.isBlank()) {
            String generated = UUID.randomUUID().toString();
            seen = withCorrelationId(request, generated);
            MDC.put(CORRELATION_ID, generated);
        } else if (CommandContextArgumentResolver.isCorrelationId(given)) {
            MDC.put(CORRELATION_ID, given);
        }
        String actor = actor(request);
        if (actor != null) {
            MDC.put(ACTOR, actor);
        }
        try {
            chain.doFilter(seen, response);
        } finally {
            MDC.remove(CORRELATION_ID);
            MDC.remove(ACTOR);
        }
    }

    private String actor(HttpServletRequest request) {
        try {
            return actors.actorOf(request).id();
        } catch (RuntimeException notSignedIn) { // public paths (health probes, API docs) have no actor
            return null;
        }
    }

    private static HttpServletRequest withCorrelationId(HttpServletRequest request, String correlationId) {
        return new HttpServletRequestWrapper(request) {
            @Override
            public String getHeader(String name) {
                return HEADER.equalsIgnoreCase(name) ? correlationId : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return HEADER.equalsIgnoreCase(name) ? Collections.enumeration(java.util.List.of(correlationId))
                        : super.getHeaders(name);
            }
        };
    }
}

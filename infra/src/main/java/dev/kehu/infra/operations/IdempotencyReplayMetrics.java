package dev.kehu.infra.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counter {@code kehu.idempotency.replays}: command requests answered from the Idempotency-Key store (the command
 * side marks them {@code Idempotent-Replayed: true}). Counted from the answer, so the command side stays free of
 * metrics code.
 */
final class IdempotencyReplayMetrics extends OncePerRequestFilter {

    static final String NAME = "kehu.idempotency.replays";

    private final Counter replays;

    IdempotencyReplayMetrics(MeterRegistry registry) {
        this.replays = Counter.builder(NAME).description("Command requests answered by replaying their first answer")
                .register(registry);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        if ("true".equals(response.getHeader("Idempotent-Replayed"))) {
            replays.increment();
        }
    }
}

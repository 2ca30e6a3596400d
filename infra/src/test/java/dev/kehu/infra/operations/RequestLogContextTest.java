package dev.kehu.infra.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kehu.command.actor.Actor;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Every line logged while a request is handled carries its correlation id and actor, and only then. */
class RequestLogContextTest {

    private final Map<String, String> seen = new HashMap<>();

    @Test
    void putsTheGivenCorrelationIdAndTheActorInTheLoggingContext() throws Exception {
        RequestLogContext filter = new RequestLogContext(request -> new Actor("user:王芳", "王芳", null, false));
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/customers");
        request.addHeader("X-Correlation-Id", "import-2026-12-07");

        filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> seen.putAll(MDC.getCopyOfContextMap()));

        assertThat(seen).containsEntry("correlationId", "import-2026-12-07").containsEntry("actor", "user:王芳");
        assertThat(MDC.get("correlationId")).as("cleared after the request").isNull();
        assertThat(MDC.get("actor")).isNull();
    }

    @Test
    void givesARequestWithoutOneACorrelationIdTheApplicationSeesToo() throws Exception {
        RequestLogContext filter = new RequestLogContext(request -> {
            throw new IllegalStateException("not signed in");
        });
        String[] header = new String[1];
        filter.doFilter(new MockHttpServletRequest("GET", "/actuator/health"), new MockHttpServletResponse(), (req, res) -> {
            seen.putAll(MDC.getCopyOfContextMap());
            header[0] = ((jakarta.servlet.http.HttpServletRequest) req).getHeader("X-Correlation-Id");
        });

        assertThat(seen.get("correlationId")).matches("[0-9a-f-]{36}").isEqualTo(header[0]);
        assertThat(seen).doesNotContainKey("actor");
    }

    @Test
    void leavesAnIdTheCommandSideRefusesOutOfTheLog() throws Exception {
        RequestLogContext filter = new RequestLogContext(request -> new Actor("user:lina", "Lina", null, false));
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/customers");
        request.addHeader("X-Correlation-Id", "bad id\nwith a forged line");

        filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> seen.putAll(MDC.getCopyOfContextMap()));

        assertThat(seen).doesNotContainKey("correlationId").containsEntry("actor", "user:lina");
    }
}
